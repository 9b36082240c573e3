"""Suggest themes for new inputs from the inputs the organisers already coded.

A linear classifier (logistic regression) over TF-IDF of lemmas (with the parts of compounds,
also of those the lexicon knows whole) and
character n-grams (see :class:`~.features.TextVectorizer`), blended with a nearest-neighbour
vote over the same vectors. The themes' names and descriptions, when given, are learnt as
one more example of their theme. An input coded with several themes is learnt once per theme.
The confidences are blended probabilities: they sum to 1 over all known themes, so "0.9"
means the model sees little else it could be. How each part was chosen (measured on the
first labelled set only): docs/architecture/insights-text.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from .features import TextVectorizer, resolve_language


@dataclass(frozen=True)
class Settings:
    """The suggester's knobs; the defaults are the measured choice (see the module doc)."""

    word_weight: float = 0.3  # lemmas vs character n-grams in the vectors
    c: float = 30.0  # inverse regularisation of the logistic regression
    balanced: bool = False  # weigh themes inversely to their number of examples
    names: float = 5.0  # sample weight of a theme's name + description as an example; 0 = off
    neighbours: int = 0  # k of the nearest-neighbour vote; 0 = off
    blend: float = 0.0  # share of the nearest-neighbour vote in the confidences
    known_compounds: bool = True  # split compounds the lexicon knows too (issue 15, branch themes2)


DEFAULT = Settings()


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

    def __init__(self, lang: str | None = None, settings: Settings = DEFAULT) -> None:
        self.lang = lang
        self.settings = settings
        self.themes: list[str] = []
        self._vectorizer: TextVectorizer | None = None
        self._model: LogisticRegression | None = None
        self._examples: sparse.csr_matrix | None = None
        self._example_theme: np.ndarray | None = None

    def fit(
        self,
        texts: Sequence[str],
        labels: Sequence[Sequence[str] | str],
        descriptions: Mapping[str, str] | None = None,
    ) -> ThemeSuggester:
        """Learn from ``texts`` and their ``labels`` (one theme or a list of themes per text).

        ``descriptions`` maps a theme to words that describe it (its name and description on
        the board); they count as one more example of that theme. Texts without a theme are
        ignored. Returns ``self``.
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
        self._examples = None
        if len(self.themes) < 2:
            return self
        settings = self.settings
        weights = [1.0] * len(rows)
        coded = len(rows)
        if settings.names and descriptions:
            for theme in self.themes:
                words = (descriptions.get(theme) or "").strip()
                if words:
                    rows.append(words)
                    targets.append(theme)
                    weights.append(settings.names)
        lang = resolve_language(rows[:coded], self.lang)
        self._vectorizer = TextVectorizer(
            lang, word_weight=settings.word_weight, known_compounds=settings.known_compounds
        )
        features = self._vectorizer.fit_transform(rows)
        self._model = LogisticRegression(
            C=settings.c,
            solver="newton-cg",
            max_iter=1000,
            class_weight="balanced" if settings.balanced else None,
        )
        with threadpool_limits(limits=1):  # see groups.py: threads crawl on a busy server
            self._model.fit(features, targets, sample_weight=np.asarray(weights))
        if settings.neighbours and settings.blend:
            index = {theme: j for j, theme in enumerate(self._model.classes_)}
            self._examples = features[:coded]
            self._example_theme = np.array([index[t] for t in targets[:coded]])
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
        features = self._vectorizer.transform(unique)
        probabilities = self._model.predict_proba(features)
        if self._examples is not None:
            blend = self.settings.blend
            probabilities = (1 - blend) * probabilities + blend * self._vote(features)
        classes = self._model.classes_
        k = min(k, len(classes))
        # classes_ is sorted, so a stable sort breaks ties by theme name.
        order = np.argsort(-probabilities, axis=1, kind="stable")[:, :k]
        ranked = {
            text: [(str(classes[j]), float(row[j])) for j in ranking]
            for text, row, ranking in zip(unique, probabilities, order, strict=True)
        }
        return [list(ranked[text]) for text in texts]

    def _vote(self, features: sparse.csr_matrix) -> np.ndarray:
        """Each theme's share of the cosine similarity of the ``neighbours`` nearest coded
        inputs (rows sum to 1; a text like none of them gets an even vote)."""
        assert self._examples is not None and self._example_theme is not None
        similarity = (features @ self._examples.T).toarray()
        n_themes = len(self.themes)
        k = min(self.settings.neighbours, similarity.shape[1])
        nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
        weights = np.take_along_axis(similarity, nearest, axis=1).clip(min=0)
        votes = np.zeros((len(similarity), n_themes))
        rows = np.arange(len(similarity))[:, None]
        np.add.at(votes, (rows, self._example_theme[nearest]), weights)
        total = votes.sum(axis=1, keepdims=True)
        even = np.full_like(votes, 1 / n_themes)
        return np.where(total > 0, votes / np.where(total > 0, total, 1), even)
