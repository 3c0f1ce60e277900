/**
 * Each optimizer's update rule in LaTeX, torch's form (one line per \\), shown by the explanation
 * panel (src/components/explain/ExplainBody.tsx). Words inside \text{} are looked up in the rule
 * words of src/i18n. They live here, not in the optimizer definitions, so the page's first chunk
 * does not carry them: only the (lazy) explanation panel needs them.
 */
import type { OptimizerName } from '../optim';

const ADAM_RULE = String.raw`m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t \\ v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2 \\ \theta_t = \theta_{t-1} - \frac{\gamma}{1-\beta_1^t}\cdot\frac{m_t}{\sqrt{v_t}/\sqrt{1-\beta_2^t} + \epsilon}`;

export const OPTIMIZER_LATEX: Record<OptimizerName, string> = {
  adadelta: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ v_t = \rho v_{t-1} + (1-\rho)\, g_t^2 \\ \Delta_t = \frac{\sqrt{u_{t-1}+\epsilon}}{\sqrt{v_t+\epsilon}}\, g_t \\ u_t = \rho u_{t-1} + (1-\rho)\,\Delta_t^2 \\ \theta_t = \theta_{t-1} - \gamma\,\Delta_t`,
  adagrad: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ \tilde\gamma = \gamma / (1 + (t-1)\,\eta) \\ s_t = s_{t-1} + g_t^2 \\ \theta_t = \theta_{t-1} - \tilde\gamma\, \frac{g_t}{\sqrt{s_t} + \epsilon}`,
  adam: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ ` + ADAM_RULE,
  adamw: String.raw`\theta_{t-1} \leftarrow \theta_{t-1}\,(1 - \gamma\lambda) \\ g_t = \nabla f(\theta_{t-1}) \\ ` + ADAM_RULE,
  adamax: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t \\ u_t = \max(\beta_2 u_{t-1},\ |g_t| + \epsilon) \\ \theta_t = \theta_{t-1} - \frac{\gamma}{1-\beta_1^t}\cdot\frac{m_t}{u_t}`,
  lbfgs: String.raw`d_t = \begin{cases} -g_1 & t = 1 \\ -\tilde H_t\, g_t & t > 1 \end{cases} \\ \tilde H_t\text{: the L-BFGS inverse Hessian from the pairs } \\ s_i = \eta_i d_i,\ y_i = g_{i+1} - g_i \\ \eta_t = \begin{cases} \min(1, 1/\lVert g_1\rVert_1)\,\gamma & t = 1 \\ \gamma & t > 1 \end{cases} \\ \text{or the strong-Wolfe line search from there} \\ \theta_t = \theta_{t-1} + \eta_t\, d_t`,
  lion: String.raw`\theta_{t-1} \leftarrow \theta_{t-1}\,(1 - \gamma\lambda) \\ c_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t \\ \theta_t = \theta_{t-1} - \gamma\, \operatorname{sign}(c_t) \\ m_t = \beta_2 m_{t-1} + (1-\beta_2)\, g_t`,
  nadam: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ \mu_t = \beta_1\left(1 - \tfrac12\, 0.96^{t\psi}\right) \\ m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t, \quad v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2 \\ d_t = \sqrt{v_t/(1-\beta_2^t)} + \epsilon \\ \theta_t = \theta_{t-1} - \gamma\,\frac{1-\mu_t}{1-\prod_{i\le t}\mu_i}\,\frac{g_t}{d_t} - \gamma\,\frac{\mu_{t+1}}{1-\mu_t\,\mu_{t+1}\prod_{i\le t}\mu_i}\,\frac{m_t}{d_t}`,
  newton: String.raw`H_t = \nabla^2 f(\theta_{t-1}) \quad(\text{saddle-free: } H_t \leftarrow V|\Lambda|V^\top) \\ \theta_t = \theta_{t-1} - \gamma\,(H_t + \delta I)^{-1}\,\nabla f(\theta_{t-1})`,
  radam: String.raw`m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2,\quad \hat m_t = m_t/(1-\beta_1^t) \\ \rho_\infty = \tfrac{2}{1-\beta_2} - 1,\quad \rho_t = \rho_\infty - \tfrac{2t\beta_2^t}{1-\beta_2^t} \\ \rho_t > 5:\ \theta_t = \theta_{t-1} - \gamma\,\hat m_t\, r_t\, \frac{\sqrt{1-\beta_2^t}}{\sqrt{v_t}+\epsilon},\ \ r_t = \sqrt{\tfrac{(\rho_t-4)(\rho_t-2)\rho_\infty}{(\rho_\infty-4)(\rho_\infty-2)\rho_t}} \\ \text{otherwise: } \theta_t = \theta_{t-1} - \gamma\,\hat m_t`,
  rmsprop: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ v_t = \alpha v_{t-1} + (1-\alpha)\, g_t^2 \\ \bar g_t = \alpha \bar g_{t-1} + (1-\alpha)\, g_t \quad\text{(centered: } d_t = \sqrt{v_t - \bar g_t^2} + \epsilon\text{, else } d_t = \sqrt{v_t} + \epsilon) \\ b_t = \mu b_{t-1} + g_t / d_t \\ \theta_t = \theta_{t-1} - \gamma\, b_t`,
  rprop: String.raw`s = \operatorname{sign}(g_t\, g_{t-1}) \\ \Delta_t = \operatorname{clamp}\big(\Delta_{t-1}\cdot\{\eta_+ \text{ if } s>0;\ \eta_- \text{ if } s<0;\ 1\},\ \Delta_{\min},\ \Delta_{\max}\big) \\ g_t \leftarrow 0 \text{ where } s < 0 \\ \theta_t = \theta_{t-1} - \operatorname{sign}(g_t)\,\Delta_t`,
  sam: String.raw`s = \begin{cases} |\theta_{t-1}| & \text{adaptive} \\ 1 & \text{otherwise} \end{cases} \\ e_t = \rho\,\frac{s^2 \odot g_t}{\lVert s \odot g_t \rVert + 10^{-12}} \\ g'_t = \nabla f(\theta_{t-1} + e_t) \\ \text{ (same batch, same noise)} \\ \theta_t = \operatorname{base}(\theta_{t-1},\, g'_t)`,
  schedulefree: String.raw`g_t = \nabla f(y_{t-1}) \\ v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2 \\ \hat g_t = \frac{g_t}{\sqrt{v_t/(1-\beta_2^t)} + \epsilon} + \lambda\, y_{t-1} \\ c_t = \frac{t^r \gamma_{\max}^{p}}{\sum_{i \le t} i^r \gamma_{\max}^{p}} \\ z_t = z_{t-1} - \gamma_t\, \hat g_t \\ x_t = (1 - c_t)\, x_{t-1} + c_t\, z_t \\ y_t = (1-\beta_1)\, z_t + \beta_1\, x_t`,
  gd: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ \theta_t = \theta_{t-1} - \gamma\, g_t`,
  momentum: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ b_t = \begin{cases} g_1 & t = 1 \\ \mu\, b_{t-1} + (1-\tau)\, g_t & t > 1 \end{cases} \\ \theta_t = \theta_{t-1} - \gamma\, b_t`,
  nesterov: String.raw`g_t = \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1} \\ b_t = \begin{cases} g_1 & t = 1 \\ \mu\, b_{t-1} + g_t & t > 1 \end{cases} \\ \theta_t = \theta_{t-1} - \gamma\,(g_t + \mu\, b_t)`,
  shampoo: String.raw`H_t = H_{t-1} + g_t\, g_t^{\top}, \quad H_0 = \epsilon I \\ H_t = V \operatorname{diag}(w)\, V^{\top} \\ \theta_t = \theta_{t-1} - \gamma\, V \operatorname{diag}(w^{-1/2})\, V^{\top} g_t`,
};
