"""PyTorch side of `zerosiam-bench perf --vs-torch`: the same model, weights, images, batch and
thread count as the TF.js measurement, and each method's step written from
/work/shared/reference/methods.md (§1.6 ZeroSiam, §4 baselines) with the same opened filters as
apps/bench/src/perf/perf-learning-rate.ts, so every step does the same forwards and backwards.

Usage: python3 perf_step.py SPEC_JSON   (one JSON line of results per cell on stdout)
SPEC_JSON: {"threads": 1, "device": "cpu" (or "cuda"), "steps": 10, "warmup": 2, "profile": false,
            "cells": [{"file": ".../resnet20-gn-b64.safetensors", "model": "resnet20-gn",
                       "method": "zerosiam", "batch": 64, "classes": 10, "lr": 2.5e-4}]}
"""

import json
import math
import os
import resource
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
# The PyTorch twin of packages/models/src/zoo/resnet20.ts; the weights file checks it (strict
# load_state_dict, and the max |logit difference| on the benchmark images is reported).
from torch_resnet20_gn import ResNet20Gn  # noqa: E402


def read_safetensors(path):
    with open(path, "rb") as handle:
        raw = handle.read()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size].decode("utf-8"))
    base = 8 + size
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        assert entry["dtype"] == "F32", f"{name}: only F32 is written by the perf command"
        array = np.frombuffer(raw[base + start : base + end], dtype="<f4").reshape(entry["shape"])
        tensors[name] = torch.from_numpy(array.copy())
    return tensors


def entropy(logits):  # [batch] H(softmax u)
    log_p = F.log_softmax(logits, dim=1)
    return -(log_p.exp() * log_p).sum(dim=1)


def norm_params(model, exclude_last_stage):
    params = []
    for name, module in model.named_modules():
        if isinstance(module, (torch.nn.GroupNorm, torch.nn.BatchNorm2d, torch.nn.LayerNorm)):
            if exclude_last_stage and name.startswith("layer3."):
                continue
            params += [module.weight, module.bias]
    return params


class Step:
    """One method bound to one model; `__call__(x)` returns the pre-update logits (detached)."""

    def __init__(self, method, model, images, lr, classes):
        self.method, self.model = method, model
        self.classes = classes
        log_c = math.log(classes)
        model.eval()  # GN only: eval and train forward are the same; no dropout.
        for p in model.parameters():
            p.requires_grad_(False)
        exclude = method in ("sar", "deyo")
        self.params = norm_params(model, exclude)
        for p in self.params:
            p.requires_grad_(True)
        if method == "zerosiam":
            dim = model.fc.in_features
            self.predictor = torch.nn.Linear(dim, dim, bias=False).to(images.device)
            with torch.no_grad():
                self.predictor.weight.copy_(torch.eye(dim))
            self.optimizers = [
                torch.optim.SGD(self.params, lr=lr * 10, momentum=0.9),
                torch.optim.SGD(self.predictor.parameters(), lr=lr * 100, momentum=0.9),
            ]
        elif method != "source":
            self.optimizers = [torch.optim.SGD(self.params, lr=lr, momentum=0.9)]
        # Opened filters (as perfMethodOptions): every sample is selected.
        self.margin = 1e9
        self.reweight_margin = 0.4 * log_c
        self.ema = None  # EATA's probability EMA / SAR's loss EMA
        if method == "eata":
            self.fisher, self.anchor = self.estimate_fisher(images)

    def estimate_fisher(self, images):
        logits = self.model(images)
        loss = F.cross_entropy(logits, logits.argmax(1))
        grads = torch.autograd.grad(loss, self.params)
        return [g.detach() ** 2 for g in grads], [p.detach().clone() for p in self.params]

    def step_all(self):
        for optimizer in self.optimizers:
            optimizer.step()
        for optimizer in self.optimizers:
            optimizer.zero_grad(set_to_none=False)

    def __call__(self, x):
        method = self.method
        if method == "source":
            with torch.no_grad():
                return self.model(x)
        if method == "tent":
            logits = self.model(x)
            entropy(logits).mean().backward()
            self.step_all()
            return logits.detach()
        if method == "zerosiam":
            features = self.model.features(x)  # [batch, d] pooled
            logits = self.model.fc(features)
            u_r = logits.detach()
            u_o = self.model.fc(self.predictor(features))
            log_o, log_r = F.log_softmax(u_o, 1), F.log_softmax(u_r, 1)
            p_o, p_r = log_o.exp(), log_r.exp()
            sym_kl = (p_r * (log_r - log_o)).sum(1) + (p_o * (log_o - log_r)).sum(1)
            (-(p_o * log_o).sum(1) + sym_kl).mean().backward()
            self.step_all()
            return u_r
        if method == "eata":
            logits = self.model(x)
            e = entropy(logits)
            keep = e < self.margin
            probs = F.softmax(logits[keep], 1)
            if self.ema is not None:
                cos = F.cosine_similarity(self.ema.unsqueeze(0), probs, dim=1)
                keep2 = cos.abs() < 2.0  # opened redundancy filter
                e_sel, probs = e[keep][keep2], probs[keep2]
            else:
                e_sel = e[keep]
            mean_p = probs.detach().mean(0)
            self.ema = mean_p if self.ema is None else 0.9 * self.ema + 0.1 * mean_p
            coeff = torch.exp(self.reweight_margin - e_sel.detach())
            loss = (coeff * e_sel).mean()
            loss = loss + 2000 * sum(
                (f * (p - a) ** 2).sum() for f, p, a in zip(self.fisher, self.params, self.anchor)
            )
            loss.backward()
            self.step_all()
            return logits.detach()
        if method == "sar":
            logits = self.model(x)
            e = entropy(logits)
            keep = e < self.margin
            e[keep].mean().backward()
            norm = torch.norm(torch.stack([p.grad.norm(2) for p in self.params]), 2)
            perturbations = []
            with torch.no_grad():
                for p in self.params:
                    eps = 0.05 * p.grad / (norm + 1e-12)
                    p.add_(eps)
                    perturbations.append(eps)
            for optimizer in self.optimizers:
                optimizer.zero_grad(set_to_none=False)
            e2 = entropy(self.model(x[keep]))
            loss2 = e2[e2 < self.margin].mean()
            loss2.backward()
            with torch.no_grad():
                for p, eps in zip(self.params, perturbations):
                    p.sub_(eps)
            self.step_all()
            value = float(loss2.detach())
            self.ema = value if self.ema is None else 0.9 * self.ema + 0.1 * value
            return logits.detach()  # recovery threshold 0: never resets
        if method == "deyo":
            logits = self.model(x)
            probs = F.softmax(logits, 1)
            e = entropy(logits)
            keep = e < self.margin
            shuffled = patch_shuffle(x[keep].detach(), 4)
            with torch.no_grad():
                probs2 = F.softmax(self.model(shuffled), 1)
            label = probs[keep].argmax(1, keepdim=True)
            plpd = (torch.gather(probs[keep], 1, label) - torch.gather(probs2, 1, label)).squeeze(1)
            keep2 = plpd > -1e9  # opened PLPD filter
            e_sel, plpd_sel = e[keep][keep2], plpd[keep2].detach()
            weight = torch.exp(-(e_sel.detach() - self.reweight_margin)) + torch.exp(plpd_sel)
            (weight * e_sel).mean().backward()
            self.step_all()
            return logits.detach()
        raise ValueError(f"unknown method {method}")


def patch_shuffle(x, grid):  # x [B, C, H, W]; an independent patch permutation per sample
    b, c, h, w = x.shape
    ph, pw = h // grid, w // grid
    x = x[:, :, : ph * grid, : pw * grid]
    patches = x.reshape(b, c, grid, ph, grid, pw).permute(0, 2, 4, 1, 3, 5).reshape(b, grid * grid, c, ph, pw)
    order = torch.argsort(torch.rand(b, grid * grid, device=x.device), dim=1)
    patches = patches[torch.arange(b, device=x.device).unsqueeze(1), order]
    return patches.reshape(b, grid, grid, c, ph, pw).permute(0, 3, 1, 4, 2, 5).reshape(b, c, ph * grid, pw * grid)


def quantile(values, q):
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def main():
    spec = json.loads(sys.argv[1])
    threads = int(spec["threads"])
    torch.set_num_threads(threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    device = torch.device(spec.get("device", "cpu"))
    torch.manual_seed(0)
    # Cells of one weights file (one model and batch) are stepped round-robin, as ours are.
    groups = {}
    for cell in spec["cells"]:
        groups.setdefault(cell["file"], []).append(cell)
    for cells in groups.values():
        runs = []
        for cell in cells:
            tensors = read_safetensors(cell["file"])
            images = tensors.pop("__images__").permute(0, 3, 1, 2).contiguous().to(device)  # NHWC → NCHW
            reference = tensors.pop("__logits__")
            model = ResNet20Gn(in_channels=images.shape[1], num_classes=cell["classes"])
            model.load_state_dict(tensors, strict=True)
            model.to(device)
            with torch.no_grad():
                parity = float((model(images).cpu() - reference).abs().max())
            step = Step(cell["method"], model, images, cell["lr"], cell["classes"])
            for _ in range(spec["warmup"]):
                step(images).cpu().numpy()
            runs.append({"cell": cell, "step": step, "images": images, "parity": parity, "times": []})
        for _ in range(spec["steps"]):
            for run in runs:
                start = time.perf_counter()
                run["step"](run["images"]).cpu().numpy()  # the logits download our StepResult does too (and a GPU sync)
                run["times"].append((time.perf_counter() - start) * 1000)
        for run in runs:
            cell, step, images, times = run["cell"], run["step"], run["images"], run["times"]
            median = quantile(times, 0.5)
            result = {
                "model": cell["model"],
                "method": cell["method"],
                "batchSize": cell["batch"],
                "threads": torch.get_num_threads(),
                "device": str(device),
                "torchVersion": torch.__version__,
                "medianMs": round(median, 2),
                "p10Ms": round(quantile(times, 0.1), 2),
                "p90Ms": round(quantile(times, 0.9), 2),
                "minMs": round(min(times), 2),
                "imagesPerSecond": cell["batch"] * 1000 / median,
                "maxRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                "parityMaxAbsLogitDiff": run["parity"],
            }
            if spec.get("profile"):
                from torch.profiler import ProfilerActivity, profile

                with profile(activities=[ProfilerActivity.CPU]) as prof:
                    for _ in range(3):
                        step(images).cpu().numpy()
                rows = sorted(prof.key_averages(), key=lambda a: a.self_cpu_time_total, reverse=True)[:15]
                result["kernels"] = [
                    {"kernel": a.key, "calls": a.count // 3, "totalMs": round(a.self_cpu_time_total / 3000, 3)}
                    for a in rows
                ]
            print(json.dumps(result), flush=True)

if __name__ == "__main__":
    main()
