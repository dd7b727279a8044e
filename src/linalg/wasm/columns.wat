;; Standardizing X's columns with equal weights c (src/solve/standardize.ts, built by scripts/build-wasm.mjs
;; beside kernels.wat): whether a column is constant, its mean and sum of squared deviations, and its
;; centred, scaled copy, each summed one element after another in exactly the order of the TypeScript
;; loops (isConstantColumn, weightedMean, weightedSd, scaleColumn[Weighted]) with w_i = c, so the numbers
;; are the same bit for bit. Scalar on purpose: SIMD lanes would sum in another order. A process's first
;; fit runs those loops in V8's interpreter (about 40 ns an element) until the JIT has seen them; this is
;; compiled code from the first call.
(module
  (import "env" "memory" (memory 1))
  ;; colstats' results: Σ c·x_i, and Σ (c·d_i)·d_i with d_i = x_i − mean
  (global $mean (export "mean") (mut f64) (f64.const 0))
  (global $ss (export "ss") (mut f64) (f64.const 0))

  ;; 0 when the n f64s at byte address x are constant (every one equals the first, glmnet's chkvars);
  ;; else 1, with $mean = Σ c·x_i and $ss = Σ (c·d_i)·d_i, d_i = x_i − $mean, summed in order
  (func (export "colstats") (param $n i32) (param $x i32) (param $c f64) (result i32)
    (local $p i32) (local $end i32) (local $first f64) (local $m f64) (local $s f64) (local $d f64)
    (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $first (f64.load (local.get $x)))
    (local.set $p (i32.add (local.get $x) (i32.const 8)))
    (block $varies
      (loop $scan
        (br_if $varies (i32.ge_u (local.get $p) (local.get $end)))
        (br_if $varies (f64.ne (f64.load (local.get $p)) (local.get $first)))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $scan)))
    (if (i32.ge_u (local.get $p) (local.get $end)) (then (return (i32.const 0))))
    (local.set $p (local.get $x))
    (loop $sum
      (local.set $m (f64.add (local.get $m) (f64.mul (local.get $c) (f64.load (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if $sum (i32.lt_u (local.get $p) (local.get $end))))
    (local.set $p (local.get $x))
    (loop $squares
      (local.set $d (f64.sub (f64.load (local.get $p)) (local.get $m)))
      (local.set $s (f64.add (local.get $s) (f64.mul (f64.mul (local.get $c) (local.get $d)) (local.get $d))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if $squares (i32.lt_u (local.get $p) (local.get $end))))
    (global.set $mean (local.get $m))
    (global.set $ss (local.get $s))
    (i32.const 1))

  ;; out_i = t_i, or sc·t_i when weighted, with t_i = (x_i − center)/s (out may be x itself); returns
  ;; Σ (c·t_i)·t_i, summed in order
  (func (export "colscale") (param $n i32) (param $x i32) (param $out i32) (param $center f64) (param $s f64) (param $c f64) (param $sc f64) (param $weighted i32) (result f64)
    (local $p i32) (local $q i32) (local $end i32) (local $t f64) (local $ss f64)
    (if (i32.eqz (local.get $n)) (then (return (f64.const 0))))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $p (local.get $x))
    (local.set $q (local.get $out))
    (if (local.get $weighted)
      (then
        (loop $scaled
          (local.set $t (f64.div (f64.sub (f64.load (local.get $p)) (local.get $center)) (local.get $s)))
          (f64.store (local.get $q) (f64.mul (local.get $sc) (local.get $t)))
          (local.set $ss (f64.add (local.get $ss) (f64.mul (f64.mul (local.get $c) (local.get $t)) (local.get $t))))
          (local.set $p (i32.add (local.get $p) (i32.const 8)))
          (local.set $q (i32.add (local.get $q) (i32.const 8)))
          (br_if $scaled (i32.lt_u (local.get $p) (local.get $end)))))
      (else
        (loop $plain
          (local.set $t (f64.div (f64.sub (f64.load (local.get $p)) (local.get $center)) (local.get $s)))
          (f64.store (local.get $q) (local.get $t))
          (local.set $ss (f64.add (local.get $ss) (f64.mul (f64.mul (local.get $c) (local.get $t)) (local.get $t))))
          (local.set $p (i32.add (local.get $p) (i32.const 8)))
          (local.set $q (i32.add (local.get $q) (i32.const 8)))
          (br_if $plain (i32.lt_u (local.get $p) (local.get $end))))))
    (local.get $ss))
)
