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
    Reference(
        key="adamw",
        authors=("Ilya Loshchilov", "Frank Hutter"),
        year=2019,
        title="Decoupled Weight Decay Regularization",
        venue="International Conference on Learning Representations (ICLR)",
        arxiv="1711.05101",
        found="as cited by Abuduweili & Liu (2025) and Peng et al. (2025); id from arXiv (same title)",
        used_for="AdamW: weight decay decoupled from the adaptive step",
    ),
    Reference(
        key="nadam",
        authors=("Timothy Dozat",),
        year=2016,
        title="Incorporating Nesterov Momentum into Adam",
        venue="ICLR 2016 workshop track",
        url="https://openreview.net/forum?id=OM0jvwB8jIp57ZJjtNEZ",
        found="as cited by Peng et al. (2025); the momentum-decay schedule as torch.optim.NAdam implements it",
        used_for="NAdam: Nesterov momentum in Adam with the schedule mu_t = beta1 (1 - 0.96^(t psi)/2)",
    ),
    Reference(
        key="radam",
        authors=("Liyuan Liu", "Haoming Jiang", "Pengcheng He", "Weizhu Chen", "Xiaodong Liu", "Jianfeng Gao",
                 "Jiawei Han"),
        year=2020,
        title="On the Variance of the Adaptive Learning Rate and Beyond",
        venue="International Conference on Learning Representations (ICLR)",
        arxiv="1908.03265",
        found="as cited by Abuduweili & Liu (2025); id from arXiv (same title)",
        used_for="RAdam: the rectification r_t and its SGD-with-momentum warm-up while rho_t <= 5",
    ),
    Reference(
        key="amsgrad",
        authors=("Sashank J. Reddi", "Satyen Kale", "Sanjiv Kumar"),
        year=2018,
        title="On the Convergence of Adam and Beyond",
        venue="International Conference on Learning Representations (ICLR)",
        arxiv="1904.09237",
        found="as cited by Wang et al. (2021); id from arXiv (same title)",
        used_for="AMSGrad: the running maximum of the second moment",
    ),
    Reference(
        key="adagrad",
        authors=("John Duchi", "Elad Hazan", "Yoram Singer"),
        year=2011,
        title="Adaptive Subgradient Methods for Online Learning and Stochastic Optimization",
        venue="Journal of Machine Learning Research 12",
        url="https://jmlr.org/papers/v12/duchi11a.html",
        found="as cited by the source papers; venue from JMLR",
        used_for="Adagrad: the never-forgetting sum of squared gradients",
    ),
    Reference(
        key="adabound",
        authors=("Liangchen Luo", "Yuanhao Xiong", "Yan Liu", "Xu Sun"),
        year=2019,
        title="Adaptive Gradient Methods with Dynamic Bound of Learning Rate",
        venue="International Conference on Learning Representations (ICLR)",
        arxiv="1902.09843",
        found="as cited by Abuduweili & Liu (2025) and Wang et al. (2021); id from arXiv (same title)",
        used_for="AdaBound: the step size clipped into bounds that close on final_lr as 1/(gamma t)",
    ),
    Reference(
        key="yogi",
        authors=("Manzil Zaheer", "Sashank J. Reddi", "Devendra Sachan", "Satyen Kale", "Sanjiv Kumar"),
        year=2018,
        title="Adaptive Methods for Nonconvex Optimization",
        venue="Advances in Neural Information Processing Systems 31 (NeurIPS)",
        url="https://papers.nips.cc/paper/8186-adaptive-methods-for-nonconvex-optimization",
        found="as cited by Wang et al. (2021); venue from the NeurIPS proceedings",
        used_for="Yogi: the additive second-moment update v - (1 - beta2) sign(v - g^2) g^2",
    ),
    Reference(
        key="lion",
        authors=("Xiangning Chen", "Chen Liang", "Da Huang", "Esteban Real", "Kaiyuan Wang", "Yao Liu",
                 "Hieu Pham", "Xuanyi Dong", "Thang Luong", "Cho-Jui Hsieh", "Yifeng Lu", "Quoc V. Le"),
        year=2023,
        title="Symbolic Discovery of Optimization Algorithms",
        venue="Advances in Neural Information Processing Systems 36 (NeurIPS)",
        arxiv="2302.06675",
        found="as cited by Peng et al. (2025); id from arXiv (same title)",
        used_for="Lion: the sign of an interpolated momentum, two betas, decoupled weight decay",
    ),
    Reference(
        key="adafactor",
        authors=("Noam Shazeer", "Mitchell Stern"),
        year=2018,
        title="Adafactor: Adaptive Learning Rates with Sublinear Memory Cost",
        venue="International Conference on Machine Learning (ICML), PMLR 80",
        arxiv="1804.04235",
        found="as cited by Peng et al. (2025); id from arXiv (same title)",
        used_for="Adafactor: relative step, parameter scale, update clipping and the beta2 schedule 1 - t^-0.8",
    ),
    Reference(
        key="deflation",
        authors=("Patrick E. Farrell", "Ásgeir Birkisson", "Simon W. Funke"),
        year=2015,
        title="Deflation Techniques for Finding Distinct Solutions of Nonlinear Partial Differential Equations",
        venue="SIAM Journal on Scientific Computing 37(4)",
        arxiv="1410.5620",
        found="from the arXiv record (same title)",
        used_for="deflated Newton iteration in the fixed-point search (adamdyn.dynamics.fixed_points)",
    ),
    Reference(
        key="adaptive-eos",
        authors=("Jeremy M. Cohen", "Behrooz Ghorbani", "Shankar Krishnan", "Naman Agarwal", "Sourabh Medapati",
                 "Michal Badura", "Daniel Suo", "David Cardoze", "Zachary Nado", "George E. Dahl", "Justin Gilmer"),
        year=2022,
        title="Adaptive Gradient Methods at the Edge of Stability",
        venue="arXiv preprint",
        arxiv="2207.14484",
        found="from the arXiv record (same title)",
        used_for="the preconditioned sharpness recorded by the paper-comparison experiments",
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
