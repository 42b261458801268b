"""The small networks of the experiments: a two-layer MLP, a two-layer CNN, a tiny GPT, a character LSTM."""

from __future__ import annotations

import math

import torch
from torch import nn

__all__ = ["MLP", "CNN", "GPT", "LSTM", "ACTIVATIONS"]

ACTIVATIONS = ("relu", "softmax", "tanh")


class MLP(nn.Module):
    """``Linear -> activation -> Linear``; ``softmax`` normalises over the hidden units (Bai et al., 2026, Fig. 15 a-c)."""

    def __init__(self, d_in: int, hidden: int, d_out: int, activation: str = "relu"):
        super().__init__()
        if activation not in ACTIVATIONS:
            raise ValueError(
                f"unknown activation {activation!r}; valid names are {', '.join(ACTIVATIONS)}. Fix: pick one of those."
            )
        self.activation = activation
        self.fc1 = nn.Linear(d_in, hidden)
        self.fc2 = nn.Linear(hidden, d_out)

    def forward(self, x):
        h = self.fc1(x.flatten(1))
        if self.activation == "relu":
            h = torch.relu(h)
        elif self.activation == "softmax":
            h = torch.softmax(h, dim=-1)
        else:
            h = torch.tanh(h)
        return self.fc2(h)


class CNN(nn.Module):
    """Two 3x3 convolutions (ReLU, 2x2 max-pool after the second) and a linear read-out."""

    def __init__(self, channels: int = 1, size: int = 8, width: int = 8, n_classes: int = 10):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, width, 3, padding=1)
        self.conv2 = nn.Conv2d(width, 2 * width, 3, padding=1)
        self.head = nn.Linear(2 * width * (size // 2) ** 2, n_classes)

    def forward(self, x):
        h = torch.relu(self.conv1(x))
        h = torch.max_pool2d(torch.relu(self.conv2(h)), 2)
        return self.head(h.flatten(1))


class _Block(nn.Module):
    def __init__(self, d: int, n_head: int, block: int):
        super().__init__()
        self.n_head = n_head
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.mlp = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))
        self.register_buffer("mask", torch.tril(torch.ones(block, block, dtype=torch.bool)), persistent=False)

    def forward(self, x):
        B, T, D = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(D, dim=2)
        hd = D // self.n_head
        q, k, v = (z.view(B, T, self.n_head, hd).transpose(1, 2) for z in (q, k, v))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(hd)  # written out: double backward works everywhere
        att = att.masked_fill(~self.mask[:T, :T], float("-inf")).softmax(dim=-1)
        y = (att @ v).transpose(1, 2).reshape(B, T, D)
        x = x + self.proj(y)
        return x + self.mlp(self.ln2(x))


class GPT(nn.Module):
    """A GPT-style character model: token + position embeddings, pre-LN causal blocks, linear head."""

    def __init__(self, vocab: int, block: int = 32, d: int = 32, n_layer: int = 2, n_head: int = 2):
        super().__init__()
        if d % n_head:
            raise ValueError(f"GPT: d={d} must be divisible by n_head={n_head}.")
        self.block = block
        self.tok = nn.Embedding(vocab, d)
        self.pos = nn.Embedding(block, d)
        self.blocks = nn.ModuleList(_Block(d, n_head, block) for _ in range(n_layer))
        self.ln = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab)
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, std=0.02)
                if getattr(m, "bias", None) is not None:
                    nn.init.zeros_(m.bias)

    def forward(self, idx):
        T = idx.shape[1]
        x = self.tok(idx) + self.pos(torch.arange(T, device=idx.device))
        for b in self.blocks:
            x = b(x)
        return self.head(self.ln(x))


class LSTM(nn.Module):
    """A character-level LSTM language model: embedding, ``n_layer`` LSTM layers, linear head.

    The language models of Wang et al. (2021, Sec. 5.2.2) and Abuduweili & Liu (2025, Table 2) are 2-layer
    LSTMs on word-level Penn Treebank; this is the same architecture at a size a CPU trains in seconds.
    """

    def __init__(self, vocab: int, d: int = 32, hidden: int = 64, n_layer: int = 2):
        super().__init__()
        for name, value in (("d", d), ("hidden", hidden), ("n_layer", n_layer)):
            if int(value) != value or value < 1:
                raise ValueError(f"LSTM: {name}={value!r} must be an integer >= 1. Fix: pass e.g. {name}=2.")
        self.tok = nn.Embedding(vocab, d)
        self.lstm = nn.LSTM(d, hidden, num_layers=n_layer, batch_first=True)
        self.head = nn.Linear(hidden, vocab)

    def forward(self, idx):
        h, _ = self.lstm(self.tok(idx))
        return self.head(h)
