"""Writes src/__fixtures__/optimizers.json: parameters after each of 3 steps of torch.optim.SGD
(momentum 0.9, with and without weight decay, two param groups) and torch.optim.Adam/AdamW, for
fixed gradients. Run with Debian's PyTorch: /usr/bin/python3 packages/core/parity/optimizers.py"""
import json
import os

import torch

torch.manual_seed(0)
init = {"a": torch.randn(3, 2), "b": torch.randn(4)}
grads = [{k: torch.randn_like(v) for k, v in init.items()} for _ in range(3)]


def run(make):
    params = {k: torch.nn.Parameter(v.clone()) for k, v in init.items()}
    optimizer = make(params)
    history = []
    for step in grads:
        optimizer.zero_grad()
        for k, p in params.items():
            p.grad = step[k].clone()
        optimizer.step()
        history.append({k: p.detach().flatten().tolist() for k, p in params.items()})
    return history


cases = {
    "sgd_momentum": run(lambda p: torch.optim.SGD(
        [{"params": [p["a"]], "lr": 0.1}, {"params": [p["b"]], "lr": 0.01}], lr=0.1, momentum=0.9)),
    "sgd_weight_decay": run(lambda p: torch.optim.SGD(list(p.values()), lr=0.05, momentum=0.9, weight_decay=0.01)),
    "sgd_nesterov": run(lambda p: torch.optim.SGD(list(p.values()), lr=0.05, momentum=0.9, nesterov=True)),
    "adam": run(lambda p: torch.optim.Adam(list(p.values()), lr=0.01)),
    "adamw": run(lambda p: torch.optim.AdamW(list(p.values()), lr=0.01, weight_decay=0.1)),
}
out = {
    "torch": torch.__version__,
    "init": {k: {"shape": list(v.shape), "data": v.flatten().tolist()} for k, v in init.items()},
    "grads": [{k: v.flatten().tolist() for k, v in g.items()} for g in grads],
    "cases": cases,
}
path = os.path.join(os.path.dirname(__file__), "..", "src", "__fixtures__", "optimizers.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", os.path.normpath(path))
