"""Suggest themes for new inputs from the inputs the organisers already coded.

A linear classifier (logistic regression) over TF-IDF of stems and character
n-grams (see :class:`~.features.TextVectorizer`). An input coded with several
themes is learnt once per theme, so the model's probabilities spread over them.
The confidences are the classifier's probabilities: they sum to 1 over all
known themes, so "0.9" means the model sees little else it could be.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from .features import TextVectorizer, resolve_language

# Chosen by 5-fold cross-validation on the labelled data in tests/insights/data
# (see docs/architecture/insights-text.md): character n-grams weigh more than
# stems (0.3 stems / 0.7 characters: +4 points accuracy@1 over 0.6 / 0.4), and a
# weak regularisation. ComplementNB and a linear SVM scored the same within
# noise; logistic regression is kept because its probabilities are usable
# confidences. Newton-CG fits these many sparse features far faster than L-BFGS.
_WORD_WEIGHT = 0.3
_C = 30.0


def theme_list(label: str | Sequence[str] | None) -> list[str]:
    """One input's themes: a string is one theme, blanks are dropped, order kept, no repeats."""
    if label is None:
        return []
    items = [label] if isinstance(label, str) else list(label)
    seen: dict[str, None] = {}
    for item in items:
        item = item.strip()
        if item:
            seen.setdefault(item, None)
    return list(seen)


class ThemeSuggester:
    """Learn themes from coded inputs (:meth:`fit`), rank themes for new ones (:meth:`suggest`)."""

    def __init__(self, lang: str | None = None) -> None:
        self.lang = lang
        self.themes: list[str] = []
        self._vectorizer: TextVectorizer | None = None
        self._model: LogisticRegression | None = None

    def fit(self, texts: Sequence[str], labels: Sequence[Sequence[str] | str]) -> ThemeSuggester:
        """Learn from ``texts`` and their ``labels`` (one theme or a list of themes per text).

        Texts without a theme are ignored. Returns ``self``.
        """
        if len(texts) != len(labels):
            raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
        rows: list[str] = []
        targets: list[str] = []
        for text, label in zip(texts, labels, strict=True):
            for theme in theme_list(label):
                rows.append(text)
                targets.append(theme)
        self.themes = sorted(set(targets))
        self._vectorizer = None
        self._model = None
        if len(self.themes) < 2:
            return self
        lang = resolve_language(rows, self.lang)
        self._vectorizer = TextVectorizer(lang, word_weight=_WORD_WEIGHT)
        features = self._vectorizer.fit_transform(rows)
        self._model = LogisticRegression(C=_C, solver="newton-cg", max_iter=1000)
        with threadpool_limits(limits=1):  # see groups.py: threads crawl on a busy server
            self._model.fit(features, targets)
        return self

    def suggest(self, texts: Sequence[str], k: int = 3) -> list[list[tuple[str, float]]]:
        """Per text, the ``k`` most likely themes with a confidence in 0..1, best first.

        Before a fit with any theme, returns ``[]``. With one known theme, every
        text gets that theme with confidence 1.0.
        """
        if not self.themes or k <= 0:
            return [] if not self.themes else [[] for _ in texts]
        if self._model is None or self._vectorizer is None:
            return [[(self.themes[0], 1.0)] for _ in texts]
        if not texts:
            return []
        # Identical inputs are common ("Flere busser!"): score each text once.
        unique = list(dict.fromkeys(texts))
        probabilities = self._model.predict_proba(self._vectorizer.transform(unique))
        classes = self._model.classes_
        k = min(k, len(classes))
        # classes_ is sorted, so a stable sort breaks ties by theme name.
        order = np.argsort(-probabilities, axis=1, kind="stable")[:, :k]
        ranked = {
            text: [(str(classes[j]), float(row[j])) for j in ranking]
            for text, row, ranking in zip(unique, probabilities, order, strict=True)
        }
        return [list(ranked[text]) for text in texts]
