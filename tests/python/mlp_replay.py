"""Replays Descent's `mlp` CLI output in real torch (float64), for tests/unit/mlp-torch.test.ts.

Reads {"cases": [{"out": <the CLI's JSON>, "ctors": [<python expression of each racer's
optimizer over `params`>], "recipes": [optional, per racer: {"scheduler": <python expression over
the optimizer `o`>, "clip_norm": c, "clip_value": c, "ema": d}]}]} on standard input. For each case it builds the nn.Sequential of
surface.params, loads the printed "init" and "data", steps every racer on the printed "batches"
and records the full loss, accuracy and parameters at the kept steps; it also takes numpy's SVD of
the printed thetas (rows theta - init) for the plane. With a recipe (CONTRACT §4) it steps the
scheduler after every step, clips with clip_grad_norm_/clip_grad_value_ over model.parameters()
before it, keeps an AveragedModel, and records "lr", "ema" and "emaLoss" as the CLI prints them.
Prints {"cases": [...]} as JSON.
"""
import warnings
import json
import math
import sys

import numpy as np
import torch

torch.set_default_dtype(torch.float64)


def build(params):
    sizes = [2] + params["hidden"] + [1]
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i + 2 < len(sizes):
            layers.append(torch.nn.Tanh() if params["activation"] == "tanh" else torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def replay(out, ctor):
    p = out["surface"]["params"]
    l2 = out["surface"]["l2"]
    X = torch.tensor(out["data"]["x"], dtype=torch.float64)
    T = torch.tensor(out["data"]["t"], dtype=torch.float64)
    model = build(p)
    torch.nn.utils.vector_to_parameters(torch.tensor(out["init"], dtype=torch.float64), model.parameters())
    params = list(model.parameters())
    optimizer = eval(ctor, {"torch": torch, "params": params})

    def objective(idx):
        z = model(X[idx]).squeeze(1)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(z, T[idx])
        if l2 != 0:
            loss = loss + 0.5 * l2 * sum((q**2).sum() for q in model.parameters())
        return loss

    steps, stride = out["steps"], out["stride"]
    everything = torch.arange(len(T))
    rec = {"loss": [], "accuracy": [], "theta": [], "index": []}
    return model, optimizer, objective, steps, stride, everything, rec, X, T


def run(out, ctor, batches, recipe):
    model, optimizer, objective, steps, stride, everything, rec, X, T = replay(out, ctor)
    warnings.filterwarnings("ignore", message="The epoch parameter in")
    scheduler = eval(recipe["scheduler"], {"torch": torch, "o": optimizer}) if "scheduler" in recipe else None
    averaged = None
    if "ema" in recipe:
        d = recipe["ema"]
        averaged = torch.optim.swa_utils.AveragedModel(model, avg_fn=lambda a, c, n: d * a + (1 - d) * c)
    clip = "clip_norm" in recipe or "clip_value" in recipe
    for key in (["lr"] if scheduler else []) + (["ema", "emaLoss"] if averaged else []):
        rec[key] = []
    for step in range(len(batches) + 1):
        if step % stride == 0 or step == len(batches):
            with torch.no_grad():
                z = model(X).squeeze(1)
                rec["loss"].append(objective(everything).item())
                rec["accuracy"].append(((z > 0).double() == T).double().mean().item())
                rec["theta"].append(torch.nn.utils.parameters_to_vector(model.parameters()).tolist())
                rec["index"].append(step)
                if scheduler:
                    rec["lr"].append(optimizer.param_groups[0]["lr"])
                if averaged:
                    rec["ema"].append(torch.nn.utils.parameters_to_vector(averaged.module.parameters()).tolist())
                    z = averaged.module(X).squeeze(1)
                    ema_loss = torch.nn.functional.binary_cross_entropy_with_logits(z, T)
                    if out["surface"]["l2"] != 0:
                        ema_loss = ema_loss + 0.5 * out["surface"]["l2"] * sum((q**2).sum() for q in averaged.module.parameters())
                    rec["emaLoss"].append(ema_loss.item())
        if step == len(batches):
            break
        idx = torch.tensor(batches[step], dtype=torch.long)

        def closure():
            optimizer.zero_grad()
            loss = objective(idx)
            loss.backward()
            return loss

        if clip:
            closure()
            if "clip_norm" in recipe:
                torch.nn.utils.clip_grad_norm_(model.parameters(), recipe["clip_norm"])
            else:
                torch.nn.utils.clip_grad_value_(model.parameters(), recipe["clip_value"])
            optimizer.step()
        else:
            optimizer.step(closure)
        if averaged:
            averaged.update_parameters(model)
        if scheduler:
            scheduler.step()
    return rec


def plane(out):
    init = np.array(out["init"])
    rows = np.array([t for r in out["runs"] for t in r["theta"]]) - init
    _, s, vt = np.linalg.svd(rows, full_matrices=False)
    axes = []
    for k in range(2):
        v = vt[k].copy()
        if v[np.argmax(np.abs(v))] < 0:
            v = -v
        axes.append(v.tolist())
    total = float((s**2).sum())
    return {"axes": axes, "explained": [float(s[0] ** 2 / total), float(s[1] ** 2 / total)], "sigma": s[:4].tolist()}


def main():
    request = json.load(sys.stdin)
    answers = []
    for case in request["cases"]:
        out = case["out"]
        recipes = case.get("recipes") or [{} for _ in case["ctors"]]
        runs = [run(out, ctor, r["batches"], recipe) for ctor, r, recipe in zip(case["ctors"], out["runs"], recipes)]
        answers.append({"runs": runs, "plane": plane(out)})
    print(json.dumps({"cases": answers}))


if __name__ == "__main__":
    main()
