/**
 * The preset gallery (issue 4): curated classroom scenes, each a share link written by hand in the
 * link format (see codec.ts) with a title and a two-sentence teaching point in English and
 * Simplified Chinese. Every scene was tuned on the real engine, and tests/unit/share.test.ts
 * checks that each one shows what its point claims.
 */

export interface Preset {
  id: string;
  title: { en: string; zh: string };
  /** Exactly two sentences. */
  point: { en: string; zh: string };
  /** The share link's query string (no '?'), in canonical form: encodeShare(decodeShare(query)) === query. */
  query: string;
  /** "Try this next": one experiment to make on the opened scene, in both languages. */
  next: { en: string; zh: string };
}

export const presets: readonly Preset[] = [
  {
    id: 'learning-rate',
    title: { en: 'Learning rate: too small, about right, too large', zh: '学习率：太小、合适、太大' },
    point: {
      en: 'On this quadratic the steepest curvature is κ = 10, so gradient descent is stable only for lr < 2/10 = 0.2: at 0.15 it converges within a few dozen steps, while at 0.001 it is still far from the minimum after 100 steps. At 0.22 every step overshoots the valley floor by more than it corrects, the zigzag grows by a factor of 1.2 per step and the run diverges.',
      zh: '在这个二次函数上，最陡方向的曲率为 κ = 10，因此梯度下降只有在学习率 lr < 2/10 = 0.2 时才稳定：lr = 0.15 几十步内就收敛，而 lr = 0.001 走了 100 步仍离最小值很远。lr = 0.22 时每一步都越过谷底，且越过的幅度比纠正的还大，锯齿振荡每步放大 1.2 倍，最终发散。',
    },
    query: 'v=1&s=quadratic&o=gd,lr=0.001;gd,lr=0.15;gd,lr=0.22&n=100',
    next: {
      en: 'Set the middle racer’s learning rate to 0.19, then to 0.2, the limit 2/κ: the zigzag shrinks ever more slowly, and at 0.2 it no longer shrinks at all.',
      zh: '把中间那位选手的学习率改成 0.19，再改成极限值 2/κ = 0.2：锯齿振荡缩小得越来越慢，到 0.2 时就完全不再缩小。',
    },
  },
  {
    id: 'ravine-momentum',
    title: { en: 'The ill-conditioned ravine and momentum', zh: '病态峡谷与动量' },
    point: {
      en: 'With condition number κ = 100 the learning rate must stay below 2/100 to keep the steep direction stable, so plain gradient descent creeps along the shallow floor of the ravine, shrinking that error by less than 2% per step. Momentum builds up velocity along the floor, where successive gradients agree, while the zigzag across the ravine largely cancels out, so it reaches the minimum in well under 150 steps.',
      zh: '条件数 κ = 100 时，学习率必须小于 2/100 才能让陡峭方向保持稳定，因此普通梯度下降只能沿着峡谷平缓的谷底缓慢爬行，每步只把这一方向的误差减少不到 2%。动量沿谷底方向不断积累速度（相邻梯度在这里方向一致），而横跨峡谷的来回振荡大多相互抵消，所以远不到 150 步就到达了最小值。',
    },
    query: 'v=1&s=quadratic&kappa=100&angle=-30&o=gd,lr=0.019;momentum,lr=0.019,momentum=0.8&st=-3.5,-0.5&n=150',
    next: {
      en: 'Raise the momentum to 0.95: the racer swings past the minimum and circles it, settling later than with 0.8. More momentum is not always faster.',
      zh: '把动量调到 0.95：选手会冲过最小值并绕着它打转，比动量 0.8 时更晚才停稳。动量越大并不总是越快。',
    },
  },
  {
    id: 'momentum-vs-nesterov',
    title: { en: 'Momentum versus Nesterov: overshoot', zh: '动量与 Nesterov 动量：冲过头' },
    point: {
      en: 'Both racers use lr = 0.05 and momentum 0.9, but heavy-ball momentum corrects its velocity with the gradient at the current point, so it swings far past the minimum before turning back. Nesterov’s update in effect takes the gradient at the look-ahead point where the velocity is carrying it, so it brakes earlier: a smaller overshoot, and a loss thousands of times lower after 50 steps.',
      zh: '两位选手都用 lr = 0.05、动量 0.9，但经典（重球）动量用当前点的梯度修正速度，所以会远远冲过最小值才折返。Nesterov 的更新相当于在速度即将把它带到的“前瞻点”处计算梯度，因此刹车更早：冲过头更少，50 步后的损失低了几千倍。',
    },
    query: 'v=1&s=quadratic&o=momentum,lr=0.05;nesterov,lr=0.05&n=150',
    next: {
      en: 'Lower both racers’ momentum to 0.5: neither swings past the minimum along x any more.',
      zh: '把两位选手的动量都降到 0.5：它们在 x 方向上都不再冲过最小值。',
    },
  },
  {
    id: 'sgd-batch-1',
    title: { en: 'SGD noise: batch size 1', zh: 'SGD 噪声：批量大小 1' },
    point: {
      en: 'Each step uses the gradient of a single data point, an unbiased but very noisy estimate of the full gradient, so the path jitters across the valley instead of following it. With a constant learning rate it never settles: it keeps bouncing around the minimum in a cloud that grows with the learning rate and shrinks with the batch size.',
      zh: '每一步只用一个样本的梯度，它是全量梯度的无偏估计，但噪声很大，所以路径在峡谷里左右抖动，而不是沿着谷底前进。学习率固定时，参数永远停不下来：它在最小值附近来回跳动，形成一团“云”，学习率越大云越大，批量越大云越小。',
    },
    query: 'v=1&s=linreg&o=momentum,lr=0.02&n=300&b=1',
    next: {
      en: 'Halve the learning rate to 0.01: the cloud around the minimum shrinks, but the racer needs longer to get there.',
      zh: '把学习率减半到 0.01：最小值周围的“云”变小了，但选手要花更久才能到达那里。',
    },
  },
  {
    id: 'sgd-batch-8',
    title: { en: 'SGD noise: mini-batches of 8', zh: 'SGD 噪声：小批量大小 8' },
    point: {
      en: 'Averaging 8 samples cuts the variance of the gradient estimate by roughly a factor of 8, so the path stays much closer to the full-batch route. It still wobbles near the minimum: with a constant learning rate only a larger batch or a decaying learning rate removes the last of the jitter.',
      zh: '对 8 个样本的梯度取平均，梯度估计的方差大约降为原来的 1/8，路径因此更贴近全批量的轨迹。它在最小值附近仍有轻微晃动：学习率固定时，只有更大的批量或逐渐衰减的学习率才能消除这最后的抖动。',
    },
    query: 'v=1&s=linreg&o=momentum,lr=0.02&n=300&b=8',
    next: {
      en: 'Change the seed: the mini-batches come in another order, so the wobbles differ, but the size of the cloud stays about the same.',
      zh: '换一个随机种子：小批量的顺序变了，晃动的细节随之不同，但“云”的大小基本不变。',
    },
  },
  {
    id: 'sgd-batch-full',
    title: { en: 'Full batch: no sampling noise', zh: '全批量：没有采样噪声' },
    point: {
      en: 'With all 64 samples in every batch, each step uses the exact gradient, so the path is smooth and converges to the least-squares solution. Compare it with batch sizes 1 and 8: the learning rate, momentum and seed are the same, and the only difference is the noise in the gradient estimate.',
      zh: '每个批量都包含全部 64 个样本时，每一步用的都是精确梯度，路径平滑，并收敛到最小二乘解。与批量大小为 1 和 8 的场景对比：学习率、动量和随机种子都相同，唯一的区别就是梯度估计中的噪声。',
    },
    query: 'v=1&s=linreg&o=momentum,lr=0.02&n=300',
    next: {
      en: 'Drag the batch-size slider down step by step and watch the smooth path turn noisy.',
      zh: '把批量大小滑块一格一格往下拖，看平滑的路径如何逐渐变得嘈杂。',
    },
  },
  {
    id: 'newton-quadratic',
    title: { en: 'Newton solves a quadratic in one step', zh: '牛顿法一步解出二次函数' },
    point: {
      en: 'On a quadratic the second-order Taylor model is the function itself, so Newton’s step −H⁻¹∇f lands exactly on the minimum in a single step, however elongated or rotated the bowl. Gradient descent sees only the slope and, with its learning rate capped by the steep direction, is still short of the minimum after 50 steps.',
      zh: '在二次函数上，二阶泰勒展开就是函数本身，所以无论碗有多扁、转了多大角度，牛顿步 −H⁻¹∇f 都恰好一步落在最小值上。梯度下降只看得到斜率，学习率又受最陡方向限制，走了 50 步仍未到达最小值。',
    },
    query: 'v=1&s=quadratic&kappa=50&angle=30&o=newton;gd,lr=0.038&n=50',
    next: {
      en: 'Raise κ to 500: Newton still lands in one step, while gradient descent at 0.038 now diverges: it needs lr < 2/500.',
      zh: '把 κ 调到 500：牛顿法仍然一步到位，而学习率 0.038 的梯度下降这次发散了：它需要 lr < 2/500。',
    },
  },
  {
    id: 'newton-saddle',
    title: { en: 'Newton drawn into the saddle; saddle-free Newton escapes', zh: '牛顿法被鞍点吸引，无鞍牛顿法逃离' },
    point: {
      en: 'Newton’s method jumps towards the point where its quadratic model has zero gradient, and along y the curvature is negative, so that step points uphill and plain Newton converges to the saddle point (0, 0). Saddle-free Newton replaces H by |H|, flipping the sign of its negative eigenvalue, which turns that direction into a descent direction, so it escapes to the minimum (0, √2).',
      zh: '牛顿法总是跳向其二次模型梯度为零的点，而在 y 方向上曲率为负，这一步实际指向上坡，所以普通牛顿法收敛到鞍点 (0, 0)。无鞍牛顿法把 H 换成 |H|，即把负特征值取绝对值，使这个方向变成下降方向，于是它逃离鞍点，到达最小值 (0, √2)。',
    },
    query: 'v=1&s=saddle&o=newton,lr=0.5;newton,lr=0.5,saddleFree=1&n=40',
    next: {
      en: 'Move the start just below the x-axis, to y = −0.01: saddle-free Newton now escapes to the other minimum, (0, −√2), and plain Newton still stops at the saddle.',
      zh: '把起点移到 x 轴稍下方，即 y = −0.01：无鞍牛顿法这次逃向另一个最小值 (0, −√2)，而普通牛顿法仍停在鞍点。',
    },
  },
  {
    id: 'adaptive-rosenbrock',
    title: { en: 'AdaGrad, RMSProp and Adam on Rosenbrock', zh: 'Rosenbrock 函数上的 AdaGrad、RMSProp 与 Adam' },
    point: {
      en: 'AdaGrad divides by the square root of the sum of all past squared gradients, so its effective learning rate only ever shrinks and after 1000 steps it is still creeping along the curved valley, far from (1, 1). RMSProp replaces that sum by a moving average and keeps a usable step size, but without momentum it rattles back and forth in the narrow valley, while Adam’s momentum and bias correction carry it to the minimum (1, 1).',
      zh: 'AdaGrad 用历史上所有梯度平方之和的平方根去除，有效学习率只减不增，所以 1000 步后它仍在弯曲的峡谷里缓慢爬行，离 (1, 1) 很远。RMSProp 把累加和换成滑动平均，保住了可用的步长，但没有动量，只能在狭窄的峡谷里来回颠簸；而 Adam 依靠动量和偏差校正一路到达最小值 (1, 1)。',
    },
    query: 'v=1&s=rosenbrock&o=adagrad,lr=0.1;rmsprop,lr=0.1;adam,lr=0.1&n=1000',
    next: {
      en: 'Add a Momentum racer and compare how far it gets along the curved valley in the same 1000 steps.',
      zh: '添加一位动量法选手，比较它在同样 1000 步内沿弯曲峡谷能走多远。',
    },
  },
  {
    id: 'adam-beale',
    title: { en: 'Adam on Beale', zh: 'Beale 函数上的 Adam' },
    point: {
      en: 'Beale’s gradient is huge on its steep walls and tiny on its flat floor, so no single learning rate suits gradient descent everywhere: 0.05 is thrown off the wall and diverges within three steps, while 0.001 is still far from the minimum after 400 steps. Adam divides each step by a running root mean square of the gradient, so its steps stay close to lr in size on walls and floor alike, and it settles at the minimum (3, 0.5).',
      zh: 'Beale 函数在陡壁上梯度极大、在平坦的谷底梯度极小，梯度下降找不到处处合适的学习率：0.05 在陡壁上被甩出去，三步之内就发散，而 0.001 走了 400 步仍离最小值很远。Adam 用梯度的滑动均方根去除每一步，所以无论在陡壁还是谷底，步长都接近 lr，最终停在最小值 (3, 0.5)。',
    },
    query: 'v=1&s=beale&o=gd,lr=0.05;gd,lr=0.001;adam,lr=0.2&n=400',
    next: {
      en: 'Lower Adam’s learning rate to 0.02: it still does not diverge, but it needs many more steps to reach (3, 0.5).',
      zh: '把 Adam 的学习率降到 0.02：它仍然不会发散，但要多走很多步才能到达 (3, 0.5)。',
    },
  },
  {
    id: 'l2-moves-minimum',
    title: { en: 'L2 regularisation moves the minimum', zh: 'L2 正则化移动了最小值' },
    point: {
      en: 'Adding (λ/2)(x² + y²) to the loss changes the function being minimised, so its minimum moves: with λ = 1 the minimum of Rosenbrock slides from (1, 1) towards the origin, to about (0.55, 0.31). Newton and momentum agree on the new point, which gives up a little of the original loss in exchange for a smaller parameter norm.',
      zh: '在损失上加上 (λ/2)(x² + y²) 就改变了要最小化的函数，最小值也随之移动：λ = 1 时，Rosenbrock 函数的最小值从 (1, 1) 向原点移到约 (0.55, 0.31)。牛顿法和动量法都停在这个新点上，它以牺牲一点原始损失为代价，换来更小的参数范数。',
    },
    query: 'v=1&s=rosenbrock&l2=1&o=newton,lr=0.5;momentum,lr=0.002&n=300',
    next: {
      en: 'Lower L2 to 0.1 and then to 0: the minimum slides back towards (1, 1), and both racers follow it.',
      zh: '把 L2 先降到 0.1，再降到 0：最小值滑回 (1, 1) 附近，两位选手也跟着过去。',
    },
  },
  {
    id: 'adam-l2-vs-adamw',
    title: { en: 'Adam’s coupled L2 versus AdamW’s decoupled weight decay', zh: 'Adam 的耦合 L2 与 AdamW 的解耦权重衰减' },
    point: {
      en: 'Adam’s weightDecay adds λθ to the gradient before the division by √v̂, which is exactly an L2 term in the loss, so Adam settles at the L2-regularised minimum, about (0.55, 0.31), the same point as with l2 = 1. AdamW instead multiplies θ by (1 − lr·λ) at every step, outside the adaptive rescaling, so its decay is not weakened where gradients are large, and after 600 steps it sits at a quite different point, much nearer the origin.',
      zh: 'Adam 的权重衰减（weight_decay）在除以 √v̂ 之前把 λθ 加到梯度上，这恰好等价于在损失中加入 L2 项，所以 Adam 停在 L2 正则化后的最小值，约为 (0.55, 0.31)，与设置 l2 = 1 时相同。AdamW 则在自适应缩放之外，每一步直接把 θ 乘以 (1 − lr·λ)，衰减不会因梯度大而被削弱，600 步后它停在一个截然不同、离原点近得多的位置。',
    },
    query: 'v=1&s=rosenbrock&o=adam,lr=0.05,weightDecay=1;adamw,lr=0.05,weightDecay=1&n=600',
    next: {
      en: 'Set both weight decays to 0.1: the two end points move closer together, and nearer to (1, 1).',
      zh: '把两者的权重衰减都设为 0.1：两个终点彼此靠近，也更接近 (1, 1)。',
    },
  },
  {
    id: 'rastrigin-local-minima',
    title: { en: 'Local minima on Rastrigin', zh: 'Rastrigin 函数的局部极小值' },
    point: {
      en: 'Rastrigin’s cosine ripples put a local minimum near every point with integer coordinates, so gradient descent stops in the first basin it meets, near (4, 4). Momentum carries enough speed to roll over several ridges and ends near (1, 1) with a far lower loss, yet it still misses the global minimum at (0, 0): no local method can guarantee finding it on a non-convex surface.',
      zh: 'Rastrigin 函数的余弦波纹在每个整数坐标点附近都造出一个局部极小值，所以梯度下降停在遇到的第一个盆地里，即 (4, 4) 附近。动量积累的速度足以翻过好几道山脊，最终停在 (1, 1) 附近，损失低得多，但仍错过了 (0, 0) 处的全局最小值：在非凸曲面上，任何局部方法都无法保证找到它。',
    },
    query: 'v=1&s=rastrigin&o=gd,lr=0.002;momentum,lr=0.002,momentum=0.95&st=4.5,4.5&n=400',
    next: {
      en: 'Drag the start to another point: which basin each racer ends in changes with where it starts.',
      zh: '把起点拖到别处：每位选手最终落入哪个盆地，会随起点而改变。',
    },
  },
  {
    id: 'camel-local-minima',
    title: { en: 'Local minima on the six-hump camel', zh: '六峰驼背函数的局部极小值' },
    point: {
      en: 'From (−2, −1), gradient descent and Adam both follow the local slope into the nearest basin, a local minimum near (−1.61, −0.57) with loss 2.10. Momentum overshoots the rim of that basin and falls into a global minimum near (−0.09, 0.71) with loss −1.03, a reminder that the end point depends on the start and on the dynamics, not only on the surface.',
      zh: '从 (−2, −1) 出发，梯度下降和 Adam 都顺着局部坡度滑进最近的盆地，停在 (−1.61, −0.57) 附近、损失为 2.10 的局部极小值。动量冲过了这个盆地的边缘，落入 (−0.09, 0.71) 附近、损失为 −1.03 的全局最小值，这说明终点不仅取决于曲面，也取决于起点和优化器的动力学。',
    },
    query: 'v=1&s=camel&o=gd;momentum;adam,lr=0.05&st=-2,-1&n=300',
    next: {
      en: 'Start at (2, 1), the mirror image of (−2, −1): the surface is symmetric about the origin, so every end point is mirrored too.',
      zh: '从 (−2, −1) 的镜像点 (2, 1) 出发：曲面关于原点对称，所以每个终点也都随之镜像。',
    },
  },
  {
    id: 'adam-aligned',
    title: { en: 'Adam on an axis-aligned valley', zh: '与坐标轴对齐的峡谷上的 Adam' },
    point: {
      en: 'When the axes of the valley are the coordinate axes, Adam’s per-coordinate division by √v̂ rescales the steep and the shallow direction separately, so both shrink at a similar pace and Adam heads almost straight for the minimum. Gradient descent, whose learning rate is capped by the steep direction (lr < 2/κ), is still crawling along the shallow one after 150 steps.',
      zh: '当峡谷的主轴与坐标轴重合时，Adam 对每个坐标分别除以 √v̂，陡峭方向和平缓方向各自被缩放，两者以相近的速度缩小，Adam 几乎直奔最小值。梯度下降的学习率受最陡方向限制（lr < 2/κ），150 步后仍在平缓方向上缓慢爬行。',
    },
    query: 'v=1&s=quadratic&kappa=100&o=adam,lr=0.1;gd,lr=0.019&n=150',
    next: {
      en: 'Set the rotation to 20° and then 45°: Adam’s head start fades as the valley turns away from the axes.',
      zh: '把旋转角度先设为 20°，再设为 45°：峡谷偏离坐标轴越多，Adam 的优势就越小。',
    },
  },
  {
    id: 'adam-rotated',
    title: { en: 'Adam on a rotated valley', zh: '旋转后的峡谷上的 Adam' },
    point: {
      en: 'Rotate the same valley by 45° and each coordinate mixes the steep and the shallow direction, so per-coordinate scaling can no longer separate them and Adam is still far from the minimum after 150 steps. Gradient descent is rotation-invariant: started from the correspondingly rotated point, it follows the same path turned by 45° and reaches practically the same loss as in the aligned scene.',
      zh: '把同一个峡谷旋转 45° 后，每个坐标都混合了陡峭和平缓两个方向，逐坐标缩放再也无法把它们分开，Adam 走了 150 步仍离最小值很远。梯度下降具有旋转不变性：从相应旋转后的起点出发，它走的是同一条路径旋转 45° 后的版本，损失与对齐场景几乎相同。',
    },
    query: 'v=1&s=quadratic&kappa=100&angle=45&o=adam,lr=0.1;gd,lr=0.019&st=-3.89,-1.06&n=150',
    next: {
      en: 'Switch Adam to Newton: it ignores the rotation and lands on the minimum in a single step.',
      zh: '把 Adam 换成牛顿法：它不受旋转影响，一步就落在最小值上。',
    },
  },
  {
    id: 'sam-flat-minimum',
    title: { en: 'SAM prefers the flat minimum', zh: 'SAM 偏爱平坦的极小值' },
    point: {
      en: 'The two minima of this surface are exactly equally deep, but the one at (1, 0) is curved about 32 times more sharply than the one at (−1, 0), and gradient descent with lr = 0.02 settles in the sharp one, the basin it starts in. SAM takes each step with the gradient at θ + e, a point ρ = 0.05 uphill, which in the sharp basin is so much steeper that the same learning rate throws it out, and it comes to rest in the flat minimum instead.',
      zh: '这个曲面的两个极小值深度完全相同，但 (1, 0) 处的曲率约为 (−1, 0) 处的 32 倍，学习率 0.02 的梯度下降停在它出发时所在的尖锐极小值里。SAM 每一步都用 θ + e 处的梯度（e 指向上坡，长度 ρ = 0.05），在尖锐的盆地里那里要陡得多，同样的学习率会把它甩出去，于是它最终停在平坦的极小值。',
    },
    query: 'v=1&s=sharpflat&o=gd,lr=0.02;sam,base=gd,base.lr=0.02&n=300',
    next: {
      en: 'Drag the start into the flat basin, near (−1, 0): now both racers settle there, and SAM has nothing to escape from.',
      zh: '把起点拖进平坦的盆地，即 (−1, 0) 附近：这次两位选手都停在那里，SAM 没有需要逃离的尖锐盆地。',
    },
  },
  {
    id: 'shampoo-aligned',
    title: { en: 'Shampoo and Adam on an axis-aligned valley', zh: '与坐标轴对齐的峡谷上的 Shampoo 与 Adam' },
    point: {
      en: 'Shampoo keeps the full matrix H = εI + Σ g gᵀ and steps along H^(−1/2) g, so it rescales the valley’s own axes, whatever they are, and on this κ = 100 valley it reaches the minimum within 150 steps. Adam rescales each coordinate separately, which works just as well here because the valley’s axes are the coordinate axes.',
      zh: 'Shampoo 保存完整的矩阵 H = εI + Σ g gᵀ，并沿 H^(−1/2) g 迈步，因此它缩放的是峡谷自身的主轴（无论主轴朝向哪里），在这个 κ = 100 的峡谷上 150 步内就到达最小值。Adam 对每个坐标分别缩放，在这里同样有效，因为峡谷的主轴恰好就是坐标轴。',
    },
    query: 'v=1&s=quadratic&kappa=100&o=shampoo,lr=0.5;adam,lr=0.1&n=150',
    next: {
      en: 'Set the rotation to 45°: Shampoo’s path simply turns with the valley, while Adam loses its head start (the next preset).',
      zh: '把旋转角度设为 45°：Shampoo 的路径只是随峡谷一起转动，而 Adam 失去了它的优势（见下一个预设）。',
    },
  },
  {
    id: 'shampoo-rotated',
    title: { en: 'Shampoo on a rotated valley: the same path, rotated', zh: '旋转后的峡谷上的 Shampoo：同一条路径，只是转了方向' },
    point: {
      en: 'Rotate the valley by 45° and start from the correspondingly rotated point: Shampoo’s preconditioner rotates with the surface (R H Rᵀ), so its path is the aligned path turned by 45° and it reaches the same loss. Adam’s per-coordinate scaling cannot follow the rotation, and after 150 steps it is still far from the minimum.',
      zh: '把峡谷旋转 45°，并从相应旋转后的点出发：Shampoo 的预条件矩阵随曲面一起旋转（变为 R H Rᵀ），所以它的路径就是对齐场景中的路径转过 45°，损失也相同。Adam 的逐坐标缩放无法跟随旋转，150 步后仍离最小值很远。',
    },
    query: 'v=1&s=quadratic&kappa=100&angle=45&o=shampoo,lr=0.5;adam,lr=0.1&st=-3.89,-1.06&n=150',
    next: {
      en: 'Raise κ to 1000: Shampoo still rescales the valley’s own axes, so it copes far better than Adam does.',
      zh: '把 κ 调到 1000：Shampoo 仍然按峡谷自身的主轴缩放，因此比 Adam 应付得好得多。',
    },
  },
  {
    id: 'lbfgs-rosenbrock',
    title: { en: 'L-BFGS, Newton and gradient descent on Rosenbrock', zh: 'Rosenbrock 函数上的 L-BFGS、牛顿法与梯度下降' },
    point: {
      en: 'Newton’s method uses the exact Hessian and reaches (1, 1) in a handful of steps, while gradient descent, which sees only the slope, is still at the start of the curved valley after 60 steps. L-BFGS builds its curvature estimate from the last steps and gradient changes alone and, with its line search, also reaches the minimum within 60 steps, without ever computing a Hessian.',
      zh: '牛顿法使用精确的 Hessian 矩阵，几步之内就到达 (1, 1)；而只看得到斜率的梯度下降走了 60 步仍停在弯曲峡谷的入口附近。L-BFGS 只根据最近几步的位移和梯度变化来估计曲率，配合线搜索，同样在 60 步内到达最小值，却从不计算 Hessian 矩阵。',
    },
    query: 'v=1&s=rosenbrock&o=lbfgs,lineSearch=strong_wolfe;newton;gd,lr=0.001&n=60',
    next: {
      en: 'Add a racer with Adam and compare how far it gets along the curved valley in the same 60 steps.',
      zh: '添加一位 Adam 选手，比较它在同样 60 步内沿弯曲峡谷能走多远。',
    },
  },
  {
    id: 'lion-sign-steps',
    title: { en: 'Lion’s fixed-length sign steps', zh: 'Lion 的定长符号步' },
    point: {
      en: 'Lion steps by lr·sign(c) in every coordinate, so every step has the same length however large or small the gradient is: it crosses the bowl at constant speed and then keeps bouncing around the minimum at a distance of about lr. Adam divides by the running root mean square of the gradient instead, its steps shrink as it approaches the minimum, and it settles there.',
      zh: 'Lion 在每个坐标上都按 lr·sign(c) 迈步，因此无论梯度大小，每一步的长度都相同：它以恒定速度穿过碗底，然后在距最小值约 lr 的范围内不停来回跳动。Adam 则除以梯度的滑动均方根，越接近最小值步子越小，最终停在最小值。',
    },
    query: 'v=1&s=quadratic&o=lion,lr=0.1;adam,lr=0.1&st=-3.33,2.17',
    next: {
      en: 'Lower Lion’s learning rate to 0.01: its steps shrink tenfold, so it needs longer to cross the bowl, but it then bounces around the minimum ten times closer.',
      zh: '把 Lion 的学习率降到 0.01：步长缩小为十分之一，穿过碗底要更久，但之后在最小值附近的跳动也近了十倍。',
    },
  },
  {
    id: 'schedulefree-vs-cosine',
    title: { en: 'Schedule-free AdamW needs no schedule', zh: '免调度 AdamW 不需要学习率调度' },
    point: {
      en: 'Simulated gradient noise keeps AdamW at a constant rate bouncing in a wide cloud around the minimum, and a cosine schedule set to the run’s 400 steps ends about ten times lower by shrinking the rate. Schedule-free AdamW has no schedule and is not told the run’s length: the point it shows, x, is an average of its fast iterates z, so the noise averages out and it ends lower still.',
      zh: '模拟的梯度噪声让固定学习率的 AdamW 在最小值附近的一大团云里不停跳动，而按全程 400 步设置的余弦调度逐步减小学习率，最终损失约低十倍。免调度 AdamW 没有任何调度，也不知道训练多长：它显示的点 x 是快速迭代序列 z 的平均，噪声被平均掉，最终损失更低。',
    },
    query: 'v=1&s=quadratic&noise=8&o=schedulefree,lr=0.2;adamw,lr=0.2,sch=cos:400;adamw,lr=0.2&st=3,3&n=400',
    next: {
      en: 'Stop the race halfway (drag the timeline to step 200): the cosine racer’s rate is still large there, while schedule-free’s x is already an average. Which one would you rather stop at?',
      zh: '把时间轴拖到第 200 步（中途停下）：此时余弦调度的学习率仍然很大，而免调度的 x 已经是平均值。你更愿意停在哪一个？',
    },
  },
  // The training recipe (CONTRACT §4, issue 12): each claim is checked in tests/unit/presets-recipe.test.ts.
  {
    id: 'warmup-adam',
    title: { en: 'Warm-up rescues Adam at a large learning rate', zh: '预热让大学习率下的 Adam 转危为安' },
    point: {
      en: 'At lr = 0.5 Adam’s first steps have full size while its second-moment estimate still rests on a gradient or two, so it is thrown up the wall of the valley: the loss climbs from 12.5 to over 200 and the run is still off the valley floor after 300 steps. A linear warm-up from 1% of the rate over 50 steps (LinearLR) lets the moments settle before the steps grow, so the same Adam never rises above its starting loss and ends a hundred times lower.',
      zh: '学习率为 0.5 时，Adam 最初几步的步长就是满的，而它的二阶矩估计只建立在一两个梯度上，于是被甩上峡谷的侧壁：损失从 12.5 升到 200 以上，300 步后仍未回到谷底。用线性预热（LinearLR）在 50 步内把学习率从 1% 升到满值，矩估计先稳定下来、步长再变大，同一个 Adam 的损失从未超过起点，最终低了一百倍。',
    },
    query: 'v=1&s=rosenbrock&o=adam,lr=0.5;adam,lr=0.5,sch=lin:0.01:1:50&n=300',
    next: {
      en: 'Shorten the warm-up of the second racer to 10 steps: is that still long enough for its moments to settle before the steps reach full size?',
      zh: '把第二位选手的预热缩短到 10 步：这是否仍足以让矩估计在步长变满之前稳定下来？',
    },
  },
  {
    id: 'cosine-sgd-jitter',
    title: { en: 'Cosine decay removes the jitter of SGD at batch size 1', zh: '余弦退火消除批大小为 1 时 SGD 的抖动' },
    point: {
      en: 'With a constant learning rate, single-sample gradients keep the path bouncing around the minimum of the regression, and it ends in a cloud of noise. Cosine annealing (CosineAnnealingLR over the 600 steps) shrinks the rate to zero as the run ends, so the same noisy gradients take ever smaller steps and the path comes to rest next to the minimum.',
      zh: '学习率固定时，单样本梯度让路径在回归问题的最小值附近不停跳动，最终停留在一团噪声云里。余弦退火（CosineAnnealingLR，覆盖全部 600 步）让学习率在结束时降到零，同样嘈杂的梯度走出越来越小的步子，路径便稳稳停在最小值旁边。',
    },
    query: 'v=1&s=linreg&o=momentum,lr=0.02;momentum,lr=0.02,sch=cos:600&n=600&b=1',
    next: {
      en: 'Raise the batch size to 8: the constant-rate racer jitters less, so how much does the schedule still add?',
      zh: '把批大小提高到 8：固定学习率的选手抖动变小了，那么学习率调度还能带来多少改进？',
    },
  },
  {
    id: 'clip-norm-vs-value',
    title: { en: 'Clipping by norm keeps the direction, clipping by value bends it', zh: '按范数裁剪保持方向，按数值裁剪使方向弯折' },
    point: {
      en: 'Both racers cap the steep gradient of this κ = 50 bowl: clip_grad_norm_ shrinks the whole vector to length 1 and keeps its direction, while clip_grad_value_ caps each coordinate at 0.3 and so turns the step towards the diagonal. The value-clipped racer walks 45° off the downhill direction and ends with a loss almost four times as high.',
      zh: '两位选手都限制了这个 κ = 50 碗中陡峭的梯度：clip_grad_norm_ 把整个向量缩短到长度 1，方向不变；clip_grad_value_ 则把每个坐标截断在 0.3，于是把步子扭向对角线。按数值裁剪的选手偏离下坡方向 45°，最终损失接近前者的四倍。',
    },
    query: 'v=1&s=quadratic&kappa=50&o=gd,cn=1;gd,cv=0.3&st=3,1&n=100',
    next: {
      en: 'Rotate the bowl by 45° with the angle slider: which of the two clipped racers changes its path, and why?',
      zh: '用角度滑块把碗旋转 45°：两位裁剪选手中哪一位的路径变了？为什么？',
    },
  },
  {
    id: 'ema-noise-cloud',
    title: { en: 'The average of the weights sits inside the noise cloud', zh: '参数的平均值落在噪声云中间' },
    point: {
      en: 'Simulated gradient noise keeps gradient descent hopping around the minimum in a cloud whose size is set by the learning rate and the noise. An exponential moving average of the iterates (AveragedModel with decay 0.95) averages the hops out, so it stays near the middle of that cloud, about half as far from the minimum as the raw iterates.',
      zh: '模拟的梯度噪声让梯度下降在最小值附近不停跳动，形成一团云，其大小由学习率和噪声决定。对迭代点取指数滑动平均（AveragedModel，衰减 0.95）把这些跳动平均掉，于是它待在云的中间，离最小值的距离约为原始迭代点的一半。',
    },
    query: 'v=1&s=quadratic&noise=3&o=gd,lr=0.1,ema=0.95&st=3,3&n=300',
    next: {
      en: 'Set the EMA decay to 0.99: the average becomes smoother but follows the iterates more slowly; watch how long its trail lags behind at the start.',
      zh: '把 EMA 衰减设为 0.99：平均值更平滑，但跟随迭代点更慢；观察开始时它的轨迹落后多久。',
    },
  },
  {
    id: 'large-model-recipe',
    title: { en: 'The large-model recipe against plain Adam', zh: '大模型训练配方与普通 Adam 的对比' },
    point: {
      en: 'Large models are trained with AdamW, a warm-up, a cosine decay and gradient clipping at 1.0, not with a constant rate: here that recipe (30 warm-up steps, then cosine over 270) crosses Rosenbrock’s valley and settles near the minimum at (1, 1). Plain Adam at the same peak rate is still wandering in the valley after 300 steps, with a loss thousands of times higher.',
      zh: '大模型并不用固定学习率训练，而是用 AdamW、预热、余弦退火和阈值为 1.0 的梯度裁剪：这里这套配方（先预热 30 步，再余弦退火 270 步）穿过 Rosenbrock 的峡谷，停在最小值 (1, 1) 附近。同样峰值学习率的普通 Adam 走了 300 步仍在峡谷里徘徊，损失高出几千倍。',
    },
    query: 'v=1&s=rosenbrock&o=adamw,lr=0.05,sch=lin:0.01:1:30~30~cos:270,cn=1;adam,lr=0.05&n=300',
    next: {
      en: 'Take the pieces of the recipe away one at a time (clipping, warm-up, cosine): which one matters most on this valley?',
      zh: '逐个去掉配方中的部分（裁剪、预热、余弦退火）：在这个峡谷上哪一部分最重要？',
    },
  },
];

export function getPreset(id: string): Preset | undefined {
  return presets.find((p) => p.id === id);
}
