/**
 * The guided text: the concepts Descent teaches, each linking to the presets that show it, and
 * a short FAQ. English and Simplified Chinese side by side, so a missing translation is a type
 * error, not a fallback on screen.
 */
export interface Bilingual {
  en: string;
  zh: string;
}

export interface Concept {
  id: string;
  title: Bilingual;
  /** Paragraphs of plain text. */
  body: Bilingual[];
  /** Presets (src/share/presets.ts ids) that show the concept, best first. */
  presets: string[];
}

export interface Faq {
  id: string;
  q: Bilingual;
  a: Bilingual[];
}

export const CONCEPTS: Concept[] = [
  {
    id: 'gd-lr',
    title: { en: 'Gradient descent and the learning rate', zh: '梯度下降与学习率' },
    body: [
      {
        en: 'Gradient descent repeats one rule: θ ← θ − γ·∇f(θ). The gradient points uphill, so a small step against it lowers the loss; the learning rate γ decides how small.',
        zh: '梯度下降反复执行同一条规则：θ ← θ − γ·∇f(θ)。梯度指向上坡方向，所以逆着它迈一小步就能降低损失；学习率 γ 决定这一步有多小。',
      },
      {
        en: 'Too small a rate crawls: after hundreds of steps the racer has barely left the start. Too large a rate overshoots the valley floor, and once γ exceeds 2 divided by the largest curvature the steps grow instead of shrink and the run diverges.',
        zh: '学习率太小时进展极慢：几百步之后仍几乎停在起点。学习率太大时会冲过谷底；一旦 γ 超过 2 除以最大曲率，步长不减反增，训练发散。',
      },
    ],
    presets: ['learning-rate'],
  },
  {
    id: 'batches',
    title: { en: 'Batch, mini-batch and stochastic gradient descent', zh: '批量、小批量与随机梯度下降' },
    body: [
      {
        en: 'On a data set the loss is a mean over samples. Batch gradient descent uses every sample for each step; stochastic gradient descent uses one; mini-batch gradient descent uses B of them, drawn from a fresh shuffle each epoch, as PyTorch’s DataLoader does.',
        zh: '在数据集上，损失是所有样本损失的平均。批量梯度下降每一步使用全部样本；随机梯度下降每一步只用一个样本；小批量梯度下降每一步用 B 个样本，并像 PyTorch 的 DataLoader 那样，每遍历一轮数据就重新打乱一次顺序。',
      },
      {
        en: 'A mini-batch gradient is an unbiased but noisy estimate of the full gradient: its noise shrinks like 1/√B. Small batches take cheap, jittery steps and never settle exactly at the minimum unless the learning rate decays; the full batch walks a smooth path.',
        zh: '小批量梯度是全量梯度的无偏估计，但带有噪声，噪声大小约与 1/√B 成正比。小批量的每一步代价低但路径抖动，除非学习率衰减，否则不会精确停在最小值；全量批次则走出一条平滑的路径。',
      },
    ],
    presets: ['sgd-batch-1', 'sgd-batch-8', 'sgd-batch-full'],
  },
  {
    id: 'momentum',
    title: { en: 'Momentum and Nesterov', zh: '动量与 Nesterov 动量' },
    body: [
      {
        en: 'Momentum keeps a velocity: b ← μ·b + g, then θ ← θ − γ·b. It is the velocity that decays by μ, not the previous parameters. Along a long, gently sloping ravine the gradients agree from step to step and the velocity builds up; across the ravine they flip sign and cancel.',
        zh: '动量法维护一个速度：b ← μ·b + g，然后 θ ← θ − γ·b。按 μ 衰减的是速度，而不是之前的参数。在狭长而平缓的山谷中，沿谷方向的梯度每一步都一致，速度不断累积；横跨山谷方向的梯度正负交替，相互抵消。',
      },
      {
        en: 'Nesterov momentum looks ahead: in PyTorch’s form it steps along g + μ·b instead of b, so the gradient at the current point corrects the velocity before it carries the racer too far. On a narrow valley it overshoots less than plain momentum.',
        zh: 'Nesterov 动量会“向前看”：在 PyTorch 的写法中，它沿 g + μ·b 而不是 b 更新，于是当前点的梯度会在速度把参数带得太远之前先修正它。在狭窄的山谷中，它的过冲比普通动量更小。',
      },
    ],
    presets: ['ravine-momentum', 'momentum-vs-nesterov'],
  },
  {
    id: 'adaptive',
    title: { en: 'Adaptive methods: AdaGrad, RMSProp, Adam', zh: '自适应方法：AdaGrad、RMSProp、Adam' },
    body: [
      {
        en: 'Adaptive methods give every coordinate its own step size by dividing by a running measure of its gradient’s magnitude. AdaGrad sums all squared gradients, so its steps only ever shrink; RMSProp uses an exponential average, so it keeps moving.',
        zh: '自适应方法用每个坐标梯度大小的累计量去除梯度，从而为每个坐标分配各自的步长。AdaGrad 累加所有梯度的平方，所以步长只会越来越小；RMSProp 使用指数滑动平均，因此能持续前进。',
      },
      {
        en: 'Adam combines RMSProp’s scaling with momentum and corrects both averages for their zero start. Because the scaling is per coordinate, Adam is not rotation invariant: on a rotated quadratic it zigzags in ways it does not on the axis-aligned one.',
        zh: 'Adam 把 RMSProp 的缩放与动量结合起来，并对两个从零开始的滑动平均做偏差校正。由于缩放是逐坐标进行的，Adam 不具有旋转不变性：在旋转过的二次函数上，它的路径会出现在坐标轴对齐时没有的曲折。',
      },
    ],
    presets: ['adaptive-rosenbrock', 'adam-beale', 'adam-aligned', 'adam-rotated', 'shampoo-aligned', 'shampoo-rotated', 'lion-sign-steps'],
  },
  {
    id: 'second-order',
    title: { en: 'Second-order methods and saddle points', zh: '二阶方法与鞍点' },
    body: [
      {
        en: 'Newton’s method uses the curvature too: θ ← θ − (H)⁻¹·∇f. On a quadratic the Hessian H is exact, and one Newton step lands on the minimum whatever the conditioning.',
        zh: '牛顿法还利用了曲率：θ ← θ − H⁻¹·∇f。在二次函数上 Hessian 矩阵 H 是精确的，无论条件数多差，牛顿法一步就能到达最小值。',
      },
      {
        en: 'But Newton’s method looks for any point where the gradient vanishes, and a saddle is such a point: along a direction of negative curvature the Newton step points uphill. Saddle-free Newton replaces H by |H| (absolute eigenvalues), turning the saddle into a repeller.',
        zh: '但牛顿法寻找的是任何梯度为零的点，而鞍点正是这样的点：沿负曲率方向，牛顿步指向上坡。无鞍点牛顿法把 H 替换为 |H|（取特征值的绝对值），从而让鞍点变成排斥点。',
      },
    ],
    presets: ['newton-quadratic', 'newton-saddle', 'lbfgs-rosenbrock'],
  },
  {
    id: 'regularisation',
    title: { en: 'Regularisation and weight decay', zh: '正则化与权重衰减' },
    body: [
      {
        en: 'L2 regularisation adds (λ/2)·|θ|² to the loss. It changes the problem, not the optimizer: the minimum moves toward the origin, and every optimizer now converges to that new point.',
        zh: 'L2 正则化在损失中加入 (λ/2)·|θ|²。它改变的是问题本身，而不是优化器：最小值向原点移动，所有优化器都会收敛到这个新的点。',
      },
      {
        en: 'Weight decay in Adam (coupled) adds λθ to the gradient, which Adam then rescales, so heavily scaled coordinates are barely regularised. AdamW (decoupled) shrinks θ by (1 − γλ) directly, which is why the two reach different points with the same λ.',
        zh: 'Adam 中的权重衰减（耦合式）把 λθ 加到梯度上，随后被 Adam 的自适应缩放一同缩放，因此被大幅缩放的坐标几乎得不到正则化。AdamW（解耦式）直接把 θ 乘以 (1 − γλ)，这就是为什么在相同 λ 下两者会到达不同的点。',
      },
    ],
    presets: ['l2-moves-minimum', 'adam-l2-vs-adamw'],
  },
];

export const FAQ: Faq[] = [
  {
    id: 'why-matter',
    q: { en: 'Why do optimisation algorithms matter?', zh: '为什么优化算法很重要？' },
    a: [
      {
        en: 'Training a model is minimising a loss, and the optimizer decides how fast that happens, whether it happens at all, and which of many minima the model ends in. The same network can train in minutes, in days, or never, depending on the optimizer and its learning rate.',
        zh: '训练模型就是最小化损失，而优化器决定了这个过程有多快、能否成功，以及模型最终落在众多极小值中的哪一个。同一个网络，换一个优化器或学习率，可能几分钟就训练好，也可能要几天，甚至永远训练不好。',
      },
    ],
  },
  {
    id: 'opt-vs-reg',
    q: { en: 'How does optimisation differ from regularisation?', zh: '优化与正则化有什么区别？' },
    a: [
      {
        en: 'Regularisation changes what is minimised (the surface): an l2 term moves the minimum. Optimisation changes how it is minimised (the path): momentum or Adam take different routes to the same minimum. Weight decay sits on the border, which is why Adam’s coupled form and AdamW’s decoupled form behave differently.',
        zh: '正则化改变的是最小化的对象（曲面本身）：加入 L2 项会移动最小值的位置。优化改变的是最小化的方式（路径）：动量法或 Adam 沿不同路线到达同一个最小值。权重衰减恰好处在两者的交界处，这也是 Adam 的耦合形式与 AdamW 的解耦形式表现不同的原因。',
      },
    ],
  },
  {
    id: 'momentum-vs-nesterov',
    q: { en: 'How does momentum differ from Nesterov momentum?', zh: '动量法与 Nesterov 动量有什么不同？' },
    a: [
      {
        en: 'Both keep a velocity b ← μ·b + g. Momentum steps along b; Nesterov steps along g + μ·b, which is the velocity it will have one step ahead. The extra look at the current gradient brakes earlier when the racer is about to overshoot.',
        zh: '两者都维护速度 b ← μ·b + g。普通动量沿 b 更新；Nesterov 沿 g + μ·b 更新，也就是它在下一步将拥有的速度。多看一眼当前梯度，使它在即将冲过头时更早刹车。',
      },
    ],
  },
];
