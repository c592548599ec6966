#!/usr/bin/env python3
"""Parity fixtures for @zerosiam/methods, written from shared/reference/methods.md (§1, §4, §9).

Builds the tiny net of packages/testing/src/tiny-conv-net.ts in PyTorch
(conv3x3 pad1 -> norm1 -> ReLU -> conv3x3 stride2 pad1 -> norm2 -> ReLU -> GAP -> fc; BN or GN(2 groups);
8x8x3 input; 5 classes), runs every method for 3 steps on fixed batches and writes JSON fixtures:
initial weights (PyTorch layout), batches (NHWC), per-step losses, selection masks, predictions and the
adapted parameters after each step.

Decisions this script shares with the TypeScript implementation (documented in docs/methods/*.md):
- an empty selection skips the update (no momentum-only step, methods.md §4.3 edge case);
- filters use the softmax entropy of the adaptation (online) logits, or COME's entropy of opinion under COME;
- plug-ins (zerosiam+X): X's selection and weights on the online branch, mean regulariser over the same samples;
- SAR: official recovery behaviour by default (EMA kept after reset, momentum kept; §9.1-9.2);
- COME uses K = number of classes (§9.3).

Run: /usr/bin/python3 packages/testing/parity/methods_parity.py  (writes packages/methods/src/__fixtures__/)
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float32)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'methods', 'src', '__fixtures__')
CLASSES = 5
LOG_C = math.log(CLASSES)
BASE_LR = 1e-2
STEPS = 3


class TinyNet(nn.Module):
    def __init__(self, norm):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1)
        self.norm1 = nn.BatchNorm2d(4) if norm == 'bn' else nn.GroupNorm(2, 4)
        self.conv2 = nn.Conv2d(4, 8, 3, stride=2, padding=1)
        self.norm2 = nn.BatchNorm2d(8) if norm == 'bn' else nn.GroupNorm(2, 8)
        self.fc = nn.Linear(8, CLASSES)

    def features(self, x):
        x = F.relu(self.norm1(self.conv1(x)))
        x = F.relu(self.norm2(self.conv2(x)))
        return x.mean(dim=(2, 3))

    def forward(self, x):
        return self.fc(self.features(x))


def init_state(norm, seed):
    g = torch.Generator().manual_seed(seed)
    n = lambda *shape, std=1.0: torch.randn(*shape, generator=g) * std
    state = {
        'conv1.weight': n(4, 3, 3, 3, std=0.4), 'conv1.bias': n(4, std=0.1),
        'norm1.weight': 1 + n(4, std=0.1), 'norm1.bias': n(4, std=0.1),
        'conv2.weight': n(8, 4, 3, 3, std=0.3), 'conv2.bias': n(8, std=0.1),
        'norm2.weight': 1 + n(8, std=0.1), 'norm2.bias': n(8, std=0.1),
        'fc.weight': n(CLASSES, 8, std=3.0), 'fc.bias': n(CLASSES, std=0.1),
    }
    if norm == 'bn':
        state.update({'norm1.running_mean': n(4, std=0.1), 'norm1.running_var': 1 + n(4, std=0.1).abs(),
                      'norm2.running_mean': n(8, std=0.1), 'norm2.running_var': 1 + n(8, std=0.1).abs()})
    return state


def build(norm, state):
    model = TinyNet(norm)
    with torch.no_grad():
        for name, value in state.items():
            dict(model.named_parameters(), **dict(model.named_buffers()))[name].copy_(value)
    return model


def entropy(logits):  # [B, C] -> [B]
    return -(logits.softmax(1) * logits.log_softmax(1)).sum(1)


def come(logits):  # entropy of opinion, K = number of classes (§4.5, §9.3)
    k = logits.shape[1]
    norm = logits.norm(dim=1, keepdim=True)
    u = logits / norm * norm.detach()
    s = u.exp().sum(1, keepdim=True)
    q = torch.cat([u.exp() / (s + k), k / (s + k)], 1) + 1e-7
    return -(q * q.log()).sum(1)


def symmetric_kl(target, online):  # KL(r||p) + KL(p||r) per sample, as two kl_div calls (§1.3)
    lr, lo = target.log_softmax(1), online.log_softmax(1)
    return (F.kl_div(lo, lr, reduction='none', log_target=True).sum(1)
            + F.kl_div(lr, lo, reduction='none', log_target=True).sum(1))


class Wrapper:
    """ZeroSiam (§1.3): target = fc(z) detached, online = fc(h(z)), reg = SymKL(target, online)."""

    def __init__(self, model, predictor):
        self.model, self.predictor = model, predictor

    def __call__(self, x):
        z = self.model.features(x)
        target = self.model.fc(z).detach()
        online = self.model.fc(self.predictor(z)) if self.predictor is not None else self.model.fc(z)
        return target, online, symmetric_kl(target, online)


def plain(model):
    def run(x):
        u = model(x)
        return u, u, None
    return run


def make_predictor(kind, d, gen_seed):
    torch.manual_seed(gen_seed)
    if kind == 'linear' or kind == 'identity':
        p = nn.Sequential(nn.Linear(d, d, bias=False))  # wrapped in a Sequential as in the official code (§1.2)
        nn.init.eye_(p[0].weight)
    elif kind == 'random':
        p = nn.Sequential(nn.Linear(d, d, bias=False))  # PyTorch default init U(±1/√d)
    else:
        p = nn.Sequential(nn.Linear(d, d), nn.ReLU(), nn.Linear(d, d))
    learnable = kind in ('linear', 'mlp')
    for q in p.parameters():
        q.requires_grad_(learnable)
    return p, learnable


def weighted_loss(obj, reg, mask, weights):
    idx = torch.nonzero(mask).flatten()
    if idx.numel() == 0:
        return None, 0.0, None
    o = (obj[idx] * weights[idx]).mean()
    total = o
    r = None
    if reg is not None:
        r = reg[idx].mean()
        total = total + r
    return total, o, r


def nhwc(x):
    return x.permute(0, 2, 3, 1).contiguous().flatten().tolist()


def to_nchw(flat, shape):
    return torch.tensor(flat, dtype=torch.float32).reshape(shape).permute(0, 3, 1, 2).contiguous()


def patch_shuffle(x, perms, grid=4):  # x [n, C, H, W]; output patch j = input patch perms[n][j]
    n, c, h, w = x.shape
    ph, pw = h // grid, w // grid
    p = x.reshape(n, c, grid, ph, grid, pw).permute(0, 2, 4, 1, 3, 5).reshape(n, grid * grid, c, ph, pw)
    p = torch.stack([p[i, torch.tensor(perms[i])] for i in range(n)])
    return p.reshape(n, grid, grid, c, ph, pw).permute(0, 3, 1, 4, 2, 5).reshape(n, c, h, w)


def run_case(spec, norm, state, batches, fisher_images, predictor_data, perm_rng):
    model = build(norm, state)
    method = spec['method']
    base = method.split('+')[-1] if method.startswith('zerosiam') else method
    if method.startswith('zerosiam+'):
        base = method.split('+')[1]
    elif method == 'zerosiam':
        base = 'tent'
    wrapped = method.startswith('zerosiam')
    objective = come if method.endswith('come') else entropy
    score = objective
    if base in ('tent+come',):
        base = 'tent'
    if base == 'deyo+come':
        base = 'deyo'
    model.train()  # BN: test-batch statistics (Tent's configure_model)
    if method == 'source':
        model.eval()
    for q in model.parameters():
        q.requires_grad_(False)
    exclude = base in ('sar', 'deyo')
    norm_params = [model.norm1.weight, model.norm1.bias] + ([] if exclude else [model.norm2.weight, model.norm2.bias])
    for q in norm_params:
        q.requires_grad_(True)
    predictor, learnable = (None, False)
    if wrapped:
        kind = spec.get('predictor', 'linear')
        predictor, learnable = make_predictor(kind, 8, 7)
        if kind in ('random', 'mlp'):
            predictor_data['weights'] = {k: {'shape': list(v.shape), 'data': v.flatten().tolist()}
                                         for k, v in predictor.state_dict().items()}
        forward = Wrapper(model, predictor)
    else:
        forward = plain(model)
    norm_scale, pred_scale = (10.0, 100.0) if wrapped else (1.0, 1.0)
    groups = [{'params': norm_params, 'lr': BASE_LR * norm_scale}]
    if learnable:
        groups.append({'params': list(predictor.parameters()), 'lr': BASE_LR * pred_scale})
    optimizer = torch.optim.SGD(groups, lr=BASE_LR, momentum=0.9) if method not in ('source', 'norm') else None
    all_params = [q for g in groups for q in g['params']]

    fisher, anchor = None, None
    if base == 'eata':
        fisher = {id(q): torch.zeros_like(q) for q in norm_params}
        nb = 0
        for start in range(0, fisher_images.shape[0], 4):
            xb = fisher_images[start:start + 4]
            u = model(xb)
            loss = F.cross_entropy(u, u.argmax(1))
            grads = torch.autograd.grad(loss, norm_params)
            for q, g in zip(norm_params, grads):
                fisher[id(q)] += g ** 2
            nb += 1
        for k in fisher:
            fisher[k] /= nb
        anchor = {id(q): q.detach().clone() for q in norm_params}

    initial_model = {k: v.clone() for k, v in model.state_dict().items()}
    initial_pred = {k: v.clone() for k, v in predictor.state_dict().items()} if predictor is not None else {}
    eata_m = None
    ema = None
    steps = []
    e0, e_deyo = 0.4 * LOG_C, 0.5 * LOG_C
    for step, x in enumerate(batches):
        record = {}
        batch = x.shape[0]
        if method in ('source', 'norm'):
            with torch.no_grad():
                u = model(x)
            record.update(selected=0, mask=[0] * batch)
            prediction = u
        else:
            target, online, reg = forward(x)
            prediction = target.detach()
            obj = objective(online)
            sc = score(online).detach()
            weights = torch.ones(batch)
            if base == 'tent':
                mask = torch.ones(batch)
            elif base in ('eata', 'sar'):
                mask = (sc < e0).float()
            elif base == 'deyo':
                mask = (sc < e_deyo).float()
            if base == 'eata':
                p = online.softmax(1).detach()
                if eata_m is not None:
                    cos = F.cosine_similarity(eata_m.unsqueeze(0), p, dim=1)
                    mask = mask * (cos.abs() < 0.05).float()
                idx = torch.nonzero(mask).flatten()
                if idx.numel() > 0:
                    mean = p[idx].mean(0)
                    eata_m = mean if eata_m is None else 0.9 * eata_m + 0.1 * mean
                weights = torch.exp(e0 - sc)
            if base == 'deyo':
                idx1 = torch.nonzero(mask).flatten()
                plpd = torch.full((batch,), float('nan'))
                record['permutations'] = []
                if idx1.numel() > 0:
                    perms = [perm_rng.permutation(16).tolist() for _ in range(idx1.numel())]
                    record['permutations'] = perms
                    with torch.no_grad():
                        shuffled = patch_shuffle(x[idx1].detach(), perms)
                        _, online2, _ = forward(shuffled)
                        p2 = online2.softmax(1)
                    p = online.softmax(1).detach()
                    label = p[idx1].argmax(1)
                    values = p[idx1].gather(1, label[:, None])[:, 0] - p2.gather(1, label[:, None])[:, 0]
                    plpd[idx1] = values
                keep = torch.zeros(batch)
                for i in idx1.tolist():
                    if plpd[i] > 0.2:
                        keep[i] = 1
                mask = keep
                record['plpd'] = [None if math.isnan(v) else v for v in plpd.tolist()]
                weights = torch.exp(-(sc - e0)) + torch.exp(torch.nan_to_num(plpd, nan=0.0))
            total, o, r = weighted_loss(obj, reg, mask, weights)
            record['mask'] = mask.int().tolist()
            if base == 'sar':
                record['mask'] = mask.int().tolist()
                record['selected'] = 0
                did_reset = False
                if total is not None:
                    optimizer.zero_grad()
                    total.backward()
                    grads = [q.grad.clone() if q.grad is not None else torch.zeros_like(q) for q in all_params]
                    gnorm = torch.sqrt(sum((g ** 2).sum() for g in grads))
                    scale = spec.get('rho', 0.05) / (gnorm + 1e-12)
                    old = [q.detach().clone() for q in all_params]
                    with torch.no_grad():
                        for q, g in zip(all_params, grads):
                            q.add_(g * scale)
                    optimizer.zero_grad()
                    _, online2, reg2 = forward(x)
                    sc2 = score(online2).detach()
                    mask2 = mask * (sc2 < e0).float()
                    total2, o2, r2 = weighted_loss(objective(online2), reg2, mask2, torch.ones(batch))
                    if total2 is not None:
                        total2.backward()  # gradient at θ + ε
                    with torch.no_grad():
                        for q, v in zip(all_params, old):
                            q.copy_(v)
                    record['mask'] = mask2.int().tolist()
                    record['selected'] = int(mask2.sum().item())
                    if total2 is not None:
                        ema = o2.item() if ema is None else 0.9 * ema + 0.1 * o2.item()
                        optimizer.step()
                        optimizer.zero_grad()
                if ema is not None and ema < spec.get('resetThreshold', 0.2):
                    model.load_state_dict(initial_model)  # official: momentum and EMA kept (§9.1-9.2)
                    did_reset = True
                record['didReset'] = did_reset
                record['ema'] = ema
            else:
                record['selected'] = int(mask.sum().item())
                if total is not None:
                    if fisher is not None:
                        ewc = sum((fisher[id(q)] * (q - anchor[id(q)]) ** 2).sum() for q in norm_params)
                        total = total + 2000.0 * ewc
                        record['fisher'] = (2000.0 * ewc).item()
                    optimizer.zero_grad()
                    total.backward()
                    optimizer.step()
                    record['objective'] = o.item()
                    if r is not None:
                        record['regulariser'] = r.item()
                    record['total'] = total.item()
        record['predictions'] = prediction.argmax(1).tolist()
        record['logits'] = prediction.flatten().tolist()
        params = {}
        for name, q in model.named_parameters():
            if name.startswith('norm'):
                params[name] = q.detach().flatten().tolist()
        if predictor is not None:
            for name, q in predictor.state_dict().items():
                params['predictor.' + name] = q.flatten().tolist()
        record['parameters'] = params
        steps.append(record)
    return steps


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = [
        {'id': 'source', 'method': 'source'}, {'id': 'norm', 'method': 'norm'},
        {'id': 'tent', 'method': 'tent'}, {'id': 'eata', 'method': 'eata'},
        {'id': 'sar', 'method': 'sar'}, {'id': 'sar-reset', 'method': 'sar', 'resetThreshold': 0.6},
        {'id': 'deyo', 'method': 'deyo'}, {'id': 'tent+come', 'method': 'tent+come'},
        {'id': 'deyo+come', 'method': 'deyo+come'}, {'id': 'zerosiam', 'method': 'zerosiam'},
        {'id': 'zerosiam+eata', 'method': 'zerosiam+eata'}, {'id': 'zerosiam+deyo', 'method': 'zerosiam+deyo'},
        {'id': 'zerosiam+sar', 'method': 'zerosiam+sar'},
        {'id': 'zerosiam-identity', 'method': 'zerosiam', 'predictor': 'identity'},
        {'id': 'zerosiam-random', 'method': 'zerosiam', 'predictor': 'random'},
        {'id': 'zerosiam-mlp', 'method': 'zerosiam', 'predictor': 'mlp'},
    ]
    # Seeds and head scales chosen (by a small search) so that with C = 5 (0.4 ln C ≈ 0.64, 0.5 ln C ≈ 0.80)
    # the first two batches have samples on both sides of the entropy filters.
    for norm, seed, head_std in (('gn', 20, 1.5), ('bn', 29, 2.0)):
        state = init_state(norm, seed)
        state['fc.weight'] = state['fc.weight'] / 3.0 * head_std
        g = torch.Generator().manual_seed(seed + 100)
        contrast = torch.tensor([0.2, 0.6, 1.5, 3.0]).reshape(4, 1, 1, 1)
        batches = [torch.randn(4, 3, 8, 8, generator=g) * contrast for _ in range(2)]
        # The third batch: the 4 most uncertain of 32 candidates under the initial model, so that no sample
        # passes any filter (entropy and COME score above 0.5 ln C; printed below).
        pool = torch.randn(32, 3, 8, 8, generator=g)
        with torch.no_grad():
            order = entropy(build(norm, state).train()(pool)).argsort(descending=True)
        batches.append(pool[order[:4]].clone())
        fisher_images = torch.randn(8, 3, 8, 8, generator=g)
        with torch.no_grad():
            m = build(norm, state).train()
            ent = [entropy(m(b)).tolist() for b in batches]
        fixture = {
            'norm': norm, 'classes': CLASSES, 'learningRate': BASE_LR,
            'state': {k: {'shape': list(v.shape), 'data': v.flatten().tolist()} for k, v in state.items()},
            'batches': [{'shape': [4, 8, 8, 3], 'data': nhwc(b)} for b in batches],
            'fisherImages': {'shape': [8, 8, 8, 3], 'data': nhwc(fisher_images)},
            'initialEntropies': ent, 'cases': {},
        }
        for spec in cases:
            predictor_data = {}
            perm_rng = np.random.default_rng(5)
            steps = run_case(spec, norm, state, batches, fisher_images, predictor_data, perm_rng)
            fixture['cases'][spec['id']] = {'spec': spec, 'steps': steps, **predictor_data}
        path = os.path.join(OUT, f'methods-{norm}.json')
        with open(path, 'w') as f:
            json.dump(fixture, f, separators=(',', ':'))
        print(path, os.path.getsize(path), 'bytes; initial entropies', [[round(e, 3) for e in b] for b in ent])
        for cid, case in fixture['cases'].items():
            print(' ', cid, [s.get('selected') for s in case['steps']], [s.get('didReset') for s in case['steps']])


if __name__ == '__main__':
    main()
