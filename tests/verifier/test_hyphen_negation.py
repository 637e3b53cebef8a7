"""Line-break hyphens and with/without settings in claims checked by wording."""

from verifier.index import build_index
from verifier.normalize import clean_text
from verifier.verify import verify_claim

SOURCE = ("QLoRA reduces the memory of finetuning a 65B parameter model from >780GB to <48GB without "
          "degrading the predictive performance compared to a 16- bit fully finetuned baseline.")


def test_line_break_hyphen_after_a_digit_is_a_compound() -> None:
    assert clean_text("a 16- bit baseline that out- performs") == "a 16-bit baseline that outperforms"


def test_qualitative_claim_with_without_setting_is_supported_by_its_sentence() -> None:
    idx = build_index("p", "Paper", [(2, SOURCE)], [])
    claim = ("QLoRA reduces the memory of finetuning a 65B parameter model from >780GB to <48GB without degrading "
             "the predictive performance compared to a 16-bit fully finetuned baseline.")
    res = verify_claim(claim, [idx])
    assert res.verdict.value == "supported" and res.evidence and res.evidence.page == 2


def test_flipped_with_without_is_not_supported() -> None:
    idx = build_index("p", "Paper", [(2, SOURCE)], [])
    claim = ("QLoRA reduces the memory of finetuning a 65B parameter model from >780GB to <48GB with degrading "
             "the predictive performance compared to a 16-bit fully finetuned baseline.")
    assert verify_claim(claim, [idx]).verdict.value != "supported"
