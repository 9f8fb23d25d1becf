"""The reasons of a block that follows the answer (detention, credible fear): sentences of
the wording's `blocks.<name>`, each citing its sources and their weakest verification, and
marked `policy` where every source is agency guidance (ADR 0025)."""

from __future__ import annotations

from typing import Any

from erpath.contract.determination import Reason
from erpath.law.model import Law
from erpath.wording import Wording


class BlockReasons:
    def __init__(self, law: Law, w: Wording, block: str) -> None:
        self.law, self.w, self.block = law, w, block
        self.found: list[Reason] = []

    def add(self, code: str, key: str, sources: list[str], decisive: bool, **context: Any) -> None:
        """Add the reason `code`, worded by `blocks.<block>.<key>` filled with `context`."""
        listed = list(dict.fromkeys(sources))
        # policy where the reason rests on agency guidance alone: a contested point that
        # cites guidance beside statutes and decisions is still a question of law
        policy = bool(listed) and all(self.law.sources[s].kind == "policy" for s in listed)
        self.found.append(
            Reason(
                code=code,
                holds=None,
                text=self.w.block(self.block, key, **context),
                sources=listed,
                verification=self.law.weakest(listed),
                decisive=decisive,
                kind="policy" if policy else "law",
            )
        )

    def question(self, contested: str) -> str:
        """The open point `contested`, in the wording's language."""
        return self.w.law_text(contested, self.law.contested[contested].question)
