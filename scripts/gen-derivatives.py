#!/usr/bin/env python3
"""Autograd derivative fixtures for the analytic surfaces added after torch-reference.json.

    /usr/bin/python3 scripts/gen-derivatives.py > tests/fixtures/derivatives-2.json

Value, gradient and Hessian from torch 1.13 autograd in float64 at seeded random points of each
surface's domain, in the format of torch-reference.json's `derivatives`.
"""
import json
import torch

torch.set_default_dtype(torch.float64)


def sharpflat(t):
    x, y = t[0], t[1]
    return ((x**2 - 1) ** 2 + y**2) * (torch.exp(2 * x) + 0.1)


SURFACES = [("sharpflat", sharpflat, ((-2.0, 2.0), (-1.5, 1.5)))]


def main():
    gen = torch.Generator().manual_seed(13)
    out = []
    for name, f, ((x0, x1), (y0, y1)) in SURFACES:
        points = [[1.0, 0.0], [-1.0, 0.0]]
        for _ in range(10):
            u = torch.rand(2, generator=gen)
            points.append([x0 + (x1 - x0) * u[0].item(), y0 + (y1 - y0) * u[1].item()])
        for p in points:
            t = torch.tensor(p, requires_grad=True)
            v = f(t)
            (g,) = torch.autograd.grad(v, t)
            h = torch.autograd.functional.hessian(f, torch.tensor(p))
            out.append({"surface": {"name": name}, "point": p, "value": v.item(), "grad": g.tolist(), "hessian": h.tolist()})
    print(json.dumps({"generator": f"torch {torch.__version__}, float64, scripts/gen-derivatives.py", "derivatives": out}, indent=1))


if __name__ == "__main__":
    main()
