"""The papers adamdyn implements and checks, listed once; :func:`cite` formats a short citation.

Every claim, rule, figure caption and table names its source through this list, so
a citation is written in one place. The facts of each entry come from the paper's
own text where it gives them (title, and authors where the paper is not an
anonymous submission) and otherwise from the arXiv or proceedings record whose
title matches; ``found`` says which.

>>> cite("adam-degenerate")
'Bai et al. (2026), Towards Understanding Adam Convergence on Highly Degenerate Polynomials'
>>> cite("initial-steps", title=False)
'Abuduweili & Liu (2025)'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["REFERENCES", "Reference", "cite", "markdown"]


@dataclass(frozen=True)
class Reference:
    """One source paper: ``authors`` as listed (given names first), ``arxiv`` an id or ``""``."""

    key: str
    authors: tuple[str, ...]
    year: int
    title: str
    venue: str
    arxiv: str = ""
    url: str = ""
    found: str = ""
    used_for: str = ""

    def short(self) -> str:
        """``"Kingma & Ba (2015)"``, ``"Bai et al. (2026)"``: surnames and year."""
        surnames = [a.split()[-1] for a in self.authors]
        names = surnames[0] if len(surnames) == 1 else (
            " & ".join(surnames) if len(surnames) == 2 else f"{surnames[0]} et al.")
        return f"{names} ({self.year})"

    def link(self) -> str:
        """The arXiv abstract page when there is an id, else ``url``."""
        return f"https://arxiv.org/abs/{self.arxiv}" if self.arxiv else self.url


_ENTRIES = (
    Reference(
        key="adam-degenerate",
        authors=("Zhiwei Bai", "Jiajie Zhao", "Zhangchen Zhou", "Zhi-Qin John Xu", "Yaoyu Zhang"),
        year=2026,
        title="Towards Understanding Adam Convergence on Highly Degenerate Polynomials",
        venue="arXiv preprint",
        arxiv="2603.09581",
        found="title from the paper's text; authors, year and id from its arXiv record (same title)",
        used_for="the core: the normalized Adam map on |x|^n, fixed points and their stability (Thm 4.1), "
                 "GD and momentum power laws (Thm 5.1, 5.3), the exponential learning rate (Lemma 5.5), the "
                 "acceleration map (Prop. 5.6), RMSProp's global convergence (Thm 5.7), the three regimes "
                 "(Thm 6.1), the coupling ratio (App. E), the quadratic case (App. F), neural-network "
                 "experiments (Sec. 7)",
    ),
    Reference(
        key="initial-steps",
        authors=("Abulikemu Abuduweili", "Changliu Liu"),
        year=2025,
        title="Revisiting the Initial Steps in Adaptive Gradient Descent Optimization",
        venue="Conference on Parsimony and Learning (CPAL), PMLR 280",
        arxiv="2412.02153",
        url="https://proceedings.mlr.press/v280/abuduweili25a.html",
        found="title and authors from the paper's text; venue and year from PMLR, id from arXiv (same title)",
        used_for="non-zero initial second moment v0 (data-driven, random), the saddle toy and its Table 5, "
                 "Adam with warm-up, AdaBelief as evaluated there",
    ),
    Reference(
        key="adamomentum",
        authors=("Yizhou Wang", "Yue Kang", "Can Qin", "Huan Wang", "Yi Xu", "Yulun Zhang", "Yun Fu"),
        year=2021,
        title="Adapting Stepsizes by Momentumized Gradients Improves Optimization and Generalization",
        venue="arXiv preprint (version 1; also an anonymous ICLR 2022 submission, the text implemented here)",
        arxiv="2106.11514",
        found="title from the paper's text (anonymous ICLR 2022 submission); authors, year and id from "
              "the arXiv record whose first version has this title (later retitled "
              "'Rethinking Adam: A Twofold Exponential Moving Average Approach')",
        used_for="AdaMomentum: the second moment of the momentum, eps inside the root (Algorithm 1)",
    ),
    Reference(
        key="s3",
        authors=("Hanyang Peng", "Shuang Qin", "Yue Yu", "Fangqing Jiang", "Hui Wang", "Wen Gao"),
        year=2025,
        title="SoftSignSGD(S3): An Enhanced Optimizer for Practical DNN Training and Loss Spikes "
              "Minimization Beyond Adam",
        venue="arXiv preprint (an anonymous ICLR 2025 submission before; the text implemented here)",
        arxiv="2507.06464",
        found="title from the paper's text (anonymous submission); authors, year and id from its arXiv "
              "record (same title)",
        used_for="S3: p-th order moment denominator, one beta, Nesterov form (Algorithm 1); the bounds on "
                 "the Adam and S3 update sizes (Theorems 1 and 2)",
    ),
    Reference(
        key="adam",
        authors=("Diederik P. Kingma", "Jimmy Ba"),
        year=2015,
        title="Adam: A Method for Stochastic Optimization",
        venue="International Conference on Learning Representations (ICLR)",
        arxiv="1412.6980",
        found="as cited by the source papers",
        used_for="Adam itself",
    ),
    Reference(
        key="adabelief",
        authors=("Juntang Zhuang", "Tommy Tang", "Yifan Ding", "Sekhar C. Tatikonda", "Nicha Dvornek",
                 "Xenophon Papademetris", "James Duncan"),
        year=2020,
        title="AdaBelief Optimizer: Adapting Stepsizes by the Belief in Observed Gradients",
        venue="Advances in Neural Information Processing Systems 33 (NeurIPS)",
        arxiv="2010.07468",
        found="authors, title, venue and year as cited by Abuduweili & Liu (2025); id from arXiv (same title)",
        used_for="AdaBelief: the second moment of g - m",
    ),
)

#: The source papers by key.
REFERENCES: dict[str, Reference] = {r.key: r for r in _ENTRIES}


def cite(key: str, title: bool = True) -> str:
    """Short citation of the paper ``key``: ``"Bai et al. (2026), <title>"`` (``title=False``: no title).

    Raises ``ValueError`` naming the valid keys for an unknown ``key``.
    """
    try:
        ref = REFERENCES[key]
    except KeyError:
        raise ValueError(
            f"unknown reference {key!r}; valid keys are {', '.join(REFERENCES)}. "
            "Fix: use one of those keys (adamdyn.references.REFERENCES lists them)."
        ) from None
    return f"{ref.short()}, {ref.title}" if title else ref.short()


def markdown() -> str:
    """docs/REFERENCES.md: every entry in full, with its key and what adamdyn takes from it."""
    lines = [
        "# References",
        "",
        "Generated from `adamdyn/references.py` by `tools/references_doc.py`; do not edit by hand.",
        "In code, `adamdyn.references.cite(key)` gives the short citation.",
        "",
    ]
    for r in _ENTRIES:
        link = r.link()
        ident = f"arXiv:{r.arxiv}" if r.arxiv else ""
        lines += [
            f"## {r.short()}: {r.title}",
            "",
            f"- key: `{r.key}`",
            f"- authors: {', '.join(r.authors)}",
            f"- venue: {r.venue}, {r.year}" + (f"; {ident}" if ident else ""),
        ]
        if link:
            lines.append(f"- link: <{link}>")
        if r.url and r.url != link:
            lines.append(f"- also: <{r.url}>")
        lines += [f"- used for: {r.used_for}", f"- where these facts come from: {r.found}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
