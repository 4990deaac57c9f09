"""What the assistant does with the model's probabilities."""

from taskmate.assistant.understanding.labels import LABELS, Label
from taskmate.assistant.understanding.model import Thresholds
from taskmate.assistant.understanding.policy import decide

THRESHOLDS = Thresholds(act=0.6, margin=0.15)


def probabilities(**given: float) -> dict[Label, float]:
    rest = (1 - sum(given.values())) / (len(LABELS) - len(given))
    return {label: given.get(label, rest) for label in LABELS}


def test_a_confident_change_is_made() -> None:
    decision = decide(probabilities(delete=0.9), THRESHOLDS, errand=False)
    assert decision.label == "delete"
    assert decision.alternative is None
    assert decision.confidence == 0.9


def test_an_unsure_change_is_not_made() -> None:
    decision = decide(probabilities(delete=0.5, outside=0.3), THRESHOLDS, errand=False)
    assert decision.label == "outside"
    assert not decision.offer


def test_an_unsure_change_close_to_a_search_is_a_search_with_the_change_asked_about() -> None:
    decision = decide(probabilities(complete=0.43, find=0.40), THRESHOLDS, errand=False)
    assert (decision.label, decision.alternative) == ("find", "complete")


def test_an_unsure_addition_is_offered_instead() -> None:
    decision = decide(probabilities(add=0.5, outside=0.4), THRESHOLDS, errand=False)
    assert (decision.label, decision.offer) == ("outside", True)


def test_two_close_task_readings_are_asked_about() -> None:
    decision = decide(probabilities(add=0.7, find=0.6 - 0.02), THRESHOLDS, errand=False)
    assert (decision.label, decision.alternative) == ("add", "find")


def test_a_close_second_that_is_not_a_task_is_not_offered_as_a_reading() -> None:
    decision = decide(probabilities(find=0.5, outside=0.45), THRESHOLDS, errand=False)
    assert (decision.label, decision.alternative) == ("find", None)


def test_an_errand_for_another_service_is_offered_as_a_task() -> None:
    assert decide(probabilities(outside=0.95), THRESHOLDS, errand=True).offer
    assert not decide(probabilities(outside=0.95), THRESHOLDS, errand=False).offer


def test_an_outside_request_nearly_as_likely_an_addition_is_offered_as_a_task() -> None:
    assert decide(probabilities(outside=0.5, add=0.45), THRESHOLDS, errand=False).offer
    assert not decide(probabilities(outside=0.5, find=0.45), THRESHOLDS, errand=False).offer


def test_chat_and_help_are_answered() -> None:
    assert decide(probabilities(chat=0.8), THRESHOLDS, errand=True).label == "chat"
    assert decide(probabilities(help=0.8), THRESHOLDS, errand=False).label == "help"
