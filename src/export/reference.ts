/**
 * The Python reference classes of the optimizers torch.optim lacks (for Newton, with the exception
 * its step raises), written into an exported script by ./pytorch.ts and ./pytorch-mlp.ts before the
 * racers. They live here, not in the optimizer definitions (`torchExport.referenceClass: true` says
 * one exists), so the page's first chunk does not carry Python only the (lazy) export needs.
 */
import type { OptimizerName } from '../optim';

export const REFERENCE_CLASSES: Partial<Record<OptimizerName, string>> = {
  lion: `class Lion(torch.optim.Optimizer):
    """Lion (Chen et al. 2023), as lucidrains/lion-pytorch 0.2.3 runs it (torch has no Lion): a
    torch.optim.Optimizer, so that torch's lr schedulers drive it (lr and betas are read from the
    parameter group at every step, as OneCycleLR's cycle_momentum sets betas[0]). Elementwise, on
    every parameter tensor: (x, y) on a surface, every weight and bias of a network.

    Each step, with g = theta.grad and the momentum m (zero at first):
        theta <- theta * (1 - lr * weight_decay)      (weight decay with the current lr)
        c = beta1 * m + (1 - beta1) * g
        theta <- theta - lr * sign(c)                  (sign(0) = 0: that coordinate stays)
        m <- beta2 * m + (1 - beta2) * g
    """

    def __init__(self, params, lr=1e-4, betas=(0.9, 0.99), weight_decay=0.0):
        super().__init__(params, dict(lr=lr, betas=betas, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            lr, weight_decay = group["lr"], group["weight_decay"]
            beta1, beta2 = group["betas"]
            for theta in group["params"]:
                if theta.grad is None:
                    continue
                grad = theta.grad
                state = self.state[theta]
                if "exp_avg" not in state:
                    state["exp_avg"] = torch.zeros_like(theta)  # the momentum m
                exp_avg = state["exp_avg"]
                theta.mul_(1 - lr * weight_decay)
                update = exp_avg.clone().mul_(beta1).add(grad, alpha=1 - beta1).sign_()
                theta.add_(update, alpha=-lr)
                exp_avg.mul_(beta2).add_(grad, alpha=1 - beta2)
        return loss
`,

  newton: String.raw`class SingularSystem(Exception):
    """Raised by Newton.step when (H + damping * I) cannot be inverted: the run stops there."""


class Newton(torch.optim.Optimizer):
    """Newton's method, written out as a torch.optim.Optimizer (so that torch's lr schedulers
    drive its lr, read from the parameter group at every step).

    Each step moves
        theta <- theta - lr * (H + damping * I)^-1 g
    where g is theta.grad (the gradient the training loop just computed: on data surfaces the
    mini-batch gradient, plus the simulated noise if any) and H is the Hessian of the full loss
    f at theta, computed by torch.autograd.functional.hessian.

    saddle_free=True first replaces H by V |L| V^T, where H = V L V^T is its eigendecomposition:
    negative curvature is flipped, so saddle points repel the step instead of attracting it.

    A (numerically) singular system, |det| <= 1e-14 * (largest entry)^2, stops the run, as in Descent.
    """

    def __init__(self, params, objective, lr=1.0, damping=0.0, saddle_free=False):
        super().__init__(params, dict(lr=lr, damping=damping, saddle_free=saddle_free))
        self.objective = objective

    @torch.no_grad()
    def step(self, closure=None):
        group = self.param_groups[0]
        theta = group["params"][0]  # the parameter tensor (x, y)
        g = theta.grad
        H = torch.autograd.functional.hessian(self.objective, theta.detach())
        if group["saddle_free"]:
            eigenvalues, V = torch.linalg.eigh(H)
            H = V @ torch.diag(eigenvalues.abs()) @ V.T
        system = H + group["damping"] * torch.eye(2)
        det = (system[0, 0] * system[1, 1] - system[0, 1] * system[1, 0]).item()
        scale = system.abs().max().item() ** 2
        if not (abs(det) > 1e-14 * scale and math.isfinite(det)):
            x, y = theta.tolist()
            raise SingularSystem(f"singular Newton system: det(H + damping*I) = {det:.3g} at ({x:.4g}, {y:.4g})")
        direction = torch.linalg.solve(system, g)  # (H + damping * I)^-1 g
        theta -= group["lr"] * direction
`,

  sam: String.raw`class SAM(torch.optim.Optimizer):
    """Sharpness-aware minimization, as davda54/sam's sam.py (commit 3c3afdbd).

    step(closure) expects theta.grad to hold the gradient g at theta. It moves theta to
    theta + e, e = (theta^2 if adaptive else 1) * g * rho / (||(|theta| if adaptive else 1) * g|| + 1e-12),
    calls closure() for the gradient there (the same batch and noise), restores theta and lets
    the base optimizer step with that second gradient.
    """

    def __init__(self, params, base_optimizer, rho=0.05, adaptive=False, **kwargs):
        assert rho >= 0.0, f"Invalid rho, should be non-negative: {rho}"
        defaults = dict(rho=rho, adaptive=adaptive, **kwargs)
        super(SAM, self).__init__(params, defaults)
        self.base_optimizer = base_optimizer(self.param_groups, **kwargs)
        self.param_groups = self.base_optimizer.param_groups
        self.defaults.update(self.base_optimizer.defaults)

    @torch.no_grad()
    def first_step(self, zero_grad=False):
        grad_norm = self._grad_norm()
        for group in self.param_groups:
            scale = group["rho"] / (grad_norm + 1e-12)
            for p in group["params"]:
                if p.grad is None:
                    continue
                self.state[p]["old_p"] = p.data.clone()
                e_w = (torch.pow(p, 2) if group["adaptive"] else 1.0) * p.grad * scale.to(p)
                p.add_(e_w)  # climb to the local maximum "w + e(w)"
        if zero_grad:
            self.zero_grad()

    @torch.no_grad()
    def second_step(self, zero_grad=False):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                p.data = self.state[p]["old_p"]  # get back to "w" from "w + e(w)"
        self.base_optimizer.step()  # do the actual "sharpness-aware" update
        if zero_grad:
            self.zero_grad()

    @torch.no_grad()
    def step(self, closure=None):
        assert closure is not None, "Sharpness Aware Minimization requires closure, but it was not provided"
        closure = torch.enable_grad()(closure)  # the closure should do a full forward-backward pass
        self.first_step(zero_grad=True)
        closure()
        self.second_step()

    def _grad_norm(self):
        shared_device = self.param_groups[0]["params"][0].device
        norm = torch.norm(
            torch.stack([
                ((torch.abs(p) if group["adaptive"] else 1.0) * p.grad).norm(p=2).to(shared_device)
                for group in self.param_groups for p in group["params"]
                if p.grad is not None
            ]),
            p=2,
        )
        return norm
`,

  schedulefree: String.raw`class AdamWScheduleFree(torch.optim.Optimizer):
    """Schedule-free AdamW (Defazio et al. 2024), as facebookresearch/schedule_free's
    schedulefree/adamw_schedulefree.py (commit 70785b53, inner_momentum 0, its non-foreach step).

    Call train() before the first step. In train mode the parameters hold y, where the gradient
    is taken; z is the base sequence and x = y.lerp(z, 1 - 1/beta1) the average that eval() sets,
    the point to evaluate (and the one the race draws: eval_point).
    """

    def __init__(self, params, lr=0.0025, betas=(0.9, 0.999), eps=1e-8, weight_decay=0,
                 warmup_steps=0, r=0.0, weight_lr_power=2.0):
        defaults = dict(lr=lr, betas=betas, eps=eps, r=r, k=0, warmup_steps=warmup_steps,
                        train_mode=False, weight_sum=0.0, lr_max=-1.0, scheduled_lr=0.0,
                        weight_lr_power=weight_lr_power, weight_decay=weight_decay)
        super().__init__(params, defaults)

    @torch.no_grad()
    def eval(self):
        for group in self.param_groups:
            beta1, _ = group["betas"]
            if group["train_mode"]:
                for p in group["params"]:
                    state = self.state[p]
                    if "z" in state:
                        p.lerp_(end=state["z"].to(p.device), weight=1 - 1 / beta1)  # set p to x
                group["train_mode"] = False

    @torch.no_grad()
    def train(self):
        for group in self.param_groups:
            beta1, _ = group["betas"]
            if not group["train_mode"]:
                for p in group["params"]:
                    state = self.state[p]
                    if "z" in state:
                        p.lerp_(end=state["z"].to(p.device), weight=1 - beta1)  # set p to y
                group["train_mode"] = True

    @torch.no_grad()
    def eval_point(self, p):
        """x for the parameter p in train mode: what eval() would set, without changing p.

        With the beta1 of the last step (the same unless OneCycleLR cycles beta1: then x is the
        average that step made, not a lerp with the next step's beta1).
        """
        group = self.param_groups[0]
        beta1 = group.get("step_beta1", group["betas"][0])
        state = self.state[p]
        return torch.lerp(p, state["z"], 1 - 1 / beta1) if "z" in state else p.detach().clone()

    @torch.no_grad()
    def step(self, closure=None):
        if not self.param_groups[0]["train_mode"]:
            raise Exception("Optimizer was not in train mode when step is called.")
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            eps = group["eps"]
            beta1, beta2 = group["betas"]
            decay = group["weight_decay"]
            k = group["k"]
            r = group["r"]
            warmup_steps = group["warmup_steps"]
            weight_lr_power = group["weight_lr_power"]
            if k < warmup_steps:
                sched = (k + 1) / warmup_steps
            else:
                sched = 1.0
            bias_correction2 = 1 - beta2 ** (k + 1)
            lr = group["lr"] * sched
            group["scheduled_lr"] = lr
            lr_max = group["lr_max"] = max(lr, group["lr_max"])
            weight = ((k + 1) ** r) * (lr_max**weight_lr_power)
            weight_sum = group["weight_sum"] = group["weight_sum"] + weight
            try:
                ckp1 = weight / weight_sum
            except ZeroDivisionError:
                ckp1 = 0
            for p in group["params"]:
                if p.grad is None:
                    continue
                y = p  # notation to match the theory
                grad = p.grad
                state = self.state[p]
                if "z" not in state:
                    state["z"] = torch.clone(p, memory_format=torch.preserve_format)
                    state["exp_avg_sq"] = torch.zeros_like(p, memory_format=torch.preserve_format)
                z = state["z"]
                exp_avg_sq = state["exp_avg_sq"]
                exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                denom = exp_avg_sq.div(bias_correction2).sqrt_().add_(eps)
                grad_normalized = grad.div_(denom)
                if decay != 0:
                    grad_normalized.add_(y, alpha=decay)  # weight decay at y
                y.lerp_(end=z, weight=ckp1)
                y.add_(grad_normalized, alpha=lr * (beta1 * (1 - ckp1) - 1))
                z.sub_(grad_normalized, alpha=lr)
            group["k"] = k + 1
            group["step_beta1"] = beta1  # (for eval_point)
        return loss
`,

  // One class for the 2-D scenes and the network (src/export/pytorch-mlp.ts): all parameters as
  // one vector, as the engine's stepper treats θ ∈ ℝⁿ.
  shampoo: String.raw`class Shampoo(torch.optim.Optimizer):
    """Shampoo on the parameters taken as ONE vector (all of them, flattened in the order given:
    (x, y) on a surface, every weight and bias of a network), i.e. full-matrix AdaGrad
    (Gupta et al. 2018), as Descent runs it:

    H <- H + g g^T (H starts as eps * I, n x n);  theta <- theta - lr * H^(-1/2) g,
    with H^(-1/2) = V diag(w^(-1/2)) V^T from the eigendecomposition (w, V) = eigh(H).
    """

    def __init__(self, params, lr=0.1, eps=1e-4):
        if not 0.0 < lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 < eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        super().__init__(params, dict(lr=lr, eps=eps))

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            params = [p for p in group["params"] if p.grad is not None]
            if not params:
                continue
            g = torch.cat([p.grad.reshape(-1) for p in params])
            state = self.state[params[0]]
            if "H" not in state:
                state["H"] = group["eps"] * torch.eye(g.numel(), dtype=g.dtype)
            H = state["H"]
            H.add_(torch.outer(g, g))
            w, V = torch.linalg.eigh(H)
            update = V @ (w.rsqrt() * (V.T @ g))
            offset = 0
            for p in params:
                n = p.numel()
                p.sub_(update[offset : offset + n].view_as(p), alpha=group["lr"])
                offset += n
        return loss
`,
};

/**
 * The comment lines (ASCII) written above each racer of an exported script: what its optimizer does.
 */
export const TORCH_COMMENTS: Record<OptimizerName, readonly string[]> = {
  adadelta: ['Adadelta: step = sqrt(u + eps) / sqrt(v + eps) * g, with running averages (rho) v of g^2', 'and u of step^2; theta <- theta - lr * step'],
  adagrad: [
    'Adagrad: s <- s + g^2 (sum of all squared gradients so far);',
    'theta <- theta - lr / (1 + (t - 1) * lr_decay) * g / (sqrt(s) + eps)',
  ],
  adam: [
    'Adam: running averages m of g and v of g^2 (betas), bias-corrected;',
    'theta <- theta - lr * m_hat / (sqrt(v_hat) + eps); weight_decay adds weight_decay * theta to g',
  ],
  adamw: [
    'AdamW: Adam with decoupled weight decay: theta <- theta * (1 - lr * weight_decay) first,',
    'then the Adam step on the plain gradient',
  ],
  adamax: ['Adamax: Adam with the infinity norm: u <- max(beta2 * u, |g| + eps);', 'theta <- theta - lr / (1 - beta1^t) * m / u'],
  lbfgs: [
    'L-BFGS: a quasi-Newton direction from the last history_size steps and gradient changes;',
    'one optimizer.step(closure) per race step, the closure re-evaluating this step\'s loss',
  ],
  lion: [
    'Lion (lucidrains/lion-pytorch 0.2.3, written out above): c = beta1 * m + (1 - beta1) * g;',
    'theta <- theta * (1 - lr * weight_decay) - lr * sign(c); m <- beta2 * m + (1 - beta2) * g',
  ],
  nadam: [
    'NAdam: Adam with Nesterov momentum; mu_t = beta1 * (1 - 0.5 * 0.96^(t * momentum_decay)).',
    'Descent follows torch 1.13 here (torch 2.0 changed a bias correction: tiny differences there)',
  ],
  newton: ["Newton's method (written out above): theta <- theta - lr * (H + damping * I)^-1 g"],
  radam: [
    'RAdam: rectified Adam: plain momentum steps lr * m_hat until the variance estimate is',
    'reliable (rho_t > 5), then Adam steps scaled by the rectification factor r_t',
  ],
  rmsprop: [
    'RMSprop: v <- alpha * v + (1 - alpha) * g^2; theta <- theta - lr * g / (sqrt(v) + eps)',
    '(centered: divides by sqrt(v - mean(g)^2) instead; momentum > 0: a velocity of those steps)',
  ],
  rprop: [
    "Rprop: uses only the gradient's sign; each coordinate's step size grows by etas[1] while",
    'the sign holds, shrinks by etas[0] when it flips, and stays within step_sizes',
  ],
  sam: [
    'SAM: the gradient is taken again at theta + e (e uphill, of length rho) on the same batch;',
    'the base optimizer then steps from theta with that gradient',
  ],
  schedulefree: [
    'Schedule-free AdamW: the gradient is taken at y, z takes the AdamW steps, x (drawn here)',
    'is the running average of z; y interpolates between them. No lr schedule needed',
  ],
  gd: ['SGD: theta <- theta - lr * g   (g = the gradient, plus weight_decay * theta)'],
  momentum: [
    'SGD with momentum: a velocity b <- momentum * b + (1 - dampening) * g (b = g on the first',
    'step, undampened); theta <- theta - lr * b',
  ],
  nesterov: [
    'SGD with Nesterov momentum: b <- momentum * b + g (b = g on the first step);',
    'theta <- theta - lr * (g + momentum * b), a step that looks ahead along the velocity',
  ],
  shampoo: [
    'Shampoo on a vector = full-matrix AdaGrad: H <- H + g g^T (from eps * I);',
    'theta <- theta - lr * H^(-1/2) g, a preconditioner that rotates with the surface',
  ],
};
