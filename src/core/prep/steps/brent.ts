/**
 * SciPy 1.10's `optimize.brent(func, brack=(xa, xb))`, ported statement by statement
 * (scipy/optimize/_optimize.py: `bracket`, then `Brent.optimize` with tol 1.48e-8, at most 500
 * iterations): the power step's λ must land where scikit-learn's does, and Brent's method stops at
 * a point that depends on every comparison on the way, not only on where the minimum is.
 */
export function brentMinimize(f: (x: number) => number, xa: number, xb: number, tol = 1.48e-8, maxIter = 500): number {
  const [a0, bx, c0, , fb] = bracket(f, xa, xb);
  const MINTOL = 1.0e-11;
  const CG = 0.381966;
  let x = bx;
  let w = bx;
  let v = bx;
  let fx = fb;
  let fw = fb;
  let fv = fb;
  let a = Math.min(a0, c0);
  let b = Math.max(a0, c0);
  let deltax = 0;
  let rat = 0;
  for (let iter = 0; iter < maxIter; iter++) {
    const tol1 = tol * Math.abs(x) + MINTOL;
    const tol2 = 2 * tol1;
    const xmid = 0.5 * (a + b);
    if (Math.abs(x - xmid) < tol2 - 0.5 * (b - a)) break;
    if (Math.abs(deltax) <= tol1) {
      deltax = x >= xmid ? a - x : b - x;
      rat = CG * deltax;
    } else {
      // A parabola through (v, fv), (w, fw), (x, fx).
      const tmp1 = (x - w) * (fx - fv);
      let tmp2 = (x - v) * (fx - fw);
      let p = (x - v) * tmp2 - (x - w) * tmp1;
      tmp2 = 2 * (tmp2 - tmp1);
      if (tmp2 > 0) p = -p;
      tmp2 = Math.abs(tmp2);
      const dxTemp = deltax;
      deltax = rat;
      if (p > tmp2 * (a - x) && p < tmp2 * (b - x) && Math.abs(p) < Math.abs(0.5 * tmp2 * dxTemp)) {
        rat = (p * 1.0) / tmp2;
        const u = x + rat;
        if (u - a < tol2 || b - u < tol2) rat = xmid - x >= 0 ? tol1 : -tol1;
      } else {
        deltax = x >= xmid ? a - x : b - x;
        rat = CG * deltax;
      }
    }
    const u = Math.abs(rat) < tol1 ? (rat >= 0 ? x + tol1 : x - tol1) : x + rat;
    const fu = f(u);
    if (fu > fx) {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        w = u;
        fv = fw;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    } else {
      if (u >= x) a = x;
      else b = x;
      v = w;
      w = x;
      x = u;
      fv = fw;
      fw = fx;
      fx = fu;
    }
  }
  return x;
}

/** SciPy's `optimize.bracket(f, xa, xb)`: [xa, xb, xc, fa, fb, fc] with fb below fa and fc. */
function bracket(f: (x: number) => number, xa0: number, xb0: number): [number, number, number, number, number, number] {
  const GOLD = 1.618034;
  const VERY_SMALL = 1e-21;
  const GROW_LIMIT = 110.0;
  let xa = xa0;
  let xb = xb0;
  let fa = f(xa);
  let fb = f(xb);
  if (fa < fb) {
    [xa, xb, fa, fb] = [xb, xa, fb, fa];
  }
  let xc = xb + GOLD * (xb - xa);
  let fc = f(xc);
  for (let iter = 0; fc < fb; iter++) {
    const tmp1 = (xb - xa) * (fb - fc);
    const tmp2 = (xb - xc) * (fb - fa);
    const val = tmp2 - tmp1;
    const denom = Math.abs(val) < VERY_SMALL ? 2 * VERY_SMALL : 2 * val;
    let w = xb - ((xb - xc) * tmp2 - (xb - xa) * tmp1) / denom;
    const wlim = xb + GROW_LIMIT * (xc - xb);
    if (iter > 1000) throw new Error('internal error: no bracket of the likelihood found in 1000 steps');
    let fw: number;
    if ((w - xc) * (xb - w) > 0) {
      fw = f(w);
      if (fw < fc) return [xb, w, xc, fb, fw, fc];
      if (fw > fb) return [xa, xb, w, fa, fb, fw];
      w = xc + GOLD * (xc - xb);
      fw = f(w);
    } else if ((w - wlim) * (wlim - xc) >= 0) {
      w = wlim;
      fw = f(w);
    } else if ((w - wlim) * (xc - w) > 0) {
      fw = f(w);
      if (fw < fc) {
        xb = xc;
        xc = w;
        w = xc + GOLD * (xc - xb);
        fb = fc;
        fc = fw;
        fw = f(w);
      }
    } else {
      w = xc + GOLD * (xc - xb);
      fw = f(w);
    }
    xa = xb;
    xb = xc;
    xc = w;
    fa = fb;
    fb = fc;
    fc = fw;
  }
  return [xa, xb, xc, fa, fb, fc];
}
