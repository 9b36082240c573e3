"""The question kinds: one module each, registered here by name (`Question.kind`)."""

from samrad.live.kinds.base import Answer, Kind
from samrad.live.kinds.choice import ChoiceKind
from samrad.live.kinds.info import InfoKind
from samrad.live.kinds.numeric import NumericKind
from samrad.live.kinds.open import OpenKind
from samrad.live.kinds.points import PointsKind
from samrad.live.kinds.qa import QaKind
from samrad.live.kinds.quiz import QuizKind
from samrad.live.kinds.ranking import RankingKind
from samrad.live.kinds.scale import ScaleKind
from samrad.live.kinds.statements import StatementsKind
from samrad.live.kinds.wordcloud import WordcloudKind
from samrad.live.models import Question

REGISTRY: dict[str, Kind] = {
    kind.name: kind
    for kind in [
        WordcloudKind(),
        ChoiceKind(),
        OpenKind(),
        QaKind(),
        ScaleKind(),
        RankingKind(),
        NumericKind(),
        PointsKind(),
        StatementsKind(),
        InfoKind(),
        QuizKind(),
    ]
}


def kind_of(question: Question) -> Kind:
    return REGISTRY[question.kind]


__all__ = ["REGISTRY", "Answer", "Kind", "kind_of"]
