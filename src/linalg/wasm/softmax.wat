;; The multinomial solvers' row loops (built by scripts/build-wasm.mjs beside kernels.wat), two rows at a
;; time with f64x2: a class's quadratic (weights, residuals), its η moved at a step's end and its
;; exponentials, the rows' sums of them (solve/multi/multinomial.ts). Every number is the one the
;; TypeScript row loops give (reference.ts): each row's arithmetic is the same IEEE operations; the one
;; reduction, Σv, adds the rows in order. A module of its own, instantiated when first used, as gram.wat.
;;
;; $expdiff computes exp bit for bit as V8's Math.exp, which is fdlibm's e_exp.c (with exp(1) = E, V8's
;; special case): the same argument reduction, polynomial and scaling, each lane in IEEE arithmetic (no
;; fused multiply-add in WebAssembly). Its branches become lane selections where the formulas agree:
;;   - |x| ≤ ½ln2 (fdlibm's k = 0): t = 0 gives hi = x, lo = 0, and 1 − ((0 − q) − x) with q = xc/(2 − c)
;;     is fdlibm's 1 − (xc/(c − 2) − x) (a quotient by −b is minus the quotient by b, exactly);
;;   - ½ln2 < |x| < 1.5ln2 (fdlibm's k = ±1 taken from the sign): trunc(x/ln2 ± ½) is the same ±1 there,
;;     and t·ln2HI, t·ln2LO are then ±ln2HI, ±ln2LO exactly;
;;   - |x| < 2⁻²⁸: 1 + x.
;; A pair with a lane at |x| ≥ 708 (overflow, underflow, k outside [−1021, 1021]), x = 1 or NaN calls the
;; imported Math.exp for both lanes.
(module
  (import "env" "memory" (memory 1))
  (import "Math" "exp" (func $exp (param f64) (result f64)))

  ;; exp of both lanes of x, each the number Math.exp gives
  (func $exp2 (param $x v128) (result v128)
    (local $ax v128) (local $t v128) (local $hi v128) (local $lo v128)
    (local $tt v128) (local $cc v128) (local $q v128) (local $y v128) (local $k64 v128) (local $kzero v128)
    (local.set $ax (v128.and (local.get $x) (v128.const i64x2 0x7fffffffffffffff 0x7fffffffffffffff)))
    (if (v128.any_true (v128.or
          (i64x2.ge_s (local.get $ax) (v128.const i64x2 0x4086200000000000 0x4086200000000000))
          (f64x2.eq (local.get $x) (v128.const f64x2 1 1))))
      (then
        (return (f64x2.replace_lane 1
          (f64x2.splat (call $exp (f64x2.extract_lane 0 (local.get $x))))
          (call $exp (f64x2.extract_lane 1 (local.get $x)))))))
    ;; k = trunc(x/ln2 ± ½), 0 where |x| ≤ ½ln2 (hx ≤ 0x3fd62e42); t = k as a double
    (local.set $kzero (i64x2.lt_s (local.get $ax) (v128.const i64x2 0x3fd62e4300000000 0x3fd62e4300000000)))
    (local.set $t (f64x2.add
      (f64x2.mul (v128.const f64x2 1.44269504088896338700e+00 1.44269504088896338700e+00) (local.get $x))
      (v128.or (v128.const f64x2 0.5 0.5) (v128.and (local.get $x) (v128.const i64x2 0x8000000000000000 0x8000000000000000)))))
    (local.set $t (i32x4.trunc_sat_f64x2_s_zero (local.get $t)))
    (local.set $k64 (v128.andnot (i64x2.extend_low_i32x4_s (local.get $t)) (local.get $kzero)))
    (local.set $t (v128.andnot (f64x2.convert_low_i32x4_s (local.get $t)) (local.get $kzero)))
    (local.set $hi (f64x2.sub (local.get $x)
      (f64x2.mul (local.get $t) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01))))
    (local.set $lo (f64x2.mul (local.get $t) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10)))
    (local.set $y (f64x2.sub (local.get $hi) (local.get $lo)))
    ;; c = y − tt·(P1 + tt·(P2 + tt·(P3 + tt·(P4 + tt·P5)))), tt = y²
    (local.set $tt (f64x2.mul (local.get $y) (local.get $y)))
    (local.set $cc (f64x2.mul (local.get $tt) (v128.const f64x2 4.13813679705723846039e-08 4.13813679705723846039e-08)))
    (local.set $cc (f64x2.mul (local.get $tt) (f64x2.add (v128.const f64x2 -1.65339022054652515390e-06 -1.65339022054652515390e-06) (local.get $cc))))
    (local.set $cc (f64x2.mul (local.get $tt) (f64x2.add (v128.const f64x2 6.61375632143793436117e-05 6.61375632143793436117e-05) (local.get $cc))))
    (local.set $cc (f64x2.mul (local.get $tt) (f64x2.add (v128.const f64x2 -2.77777777770155933842e-03 -2.77777777770155933842e-03) (local.get $cc))))
    (local.set $cc (f64x2.sub (local.get $y) (f64x2.mul (local.get $tt)
      (f64x2.add (v128.const f64x2 1.66666666666666019037e-01 1.66666666666666019037e-01) (local.get $cc)))))
    ;; q = yc/(2 − c); 1 − ((lo − q) − hi), times 2^k
    (local.set $q (f64x2.div (f64x2.mul (local.get $y) (local.get $cc)) (f64x2.sub (v128.const f64x2 2 2) (local.get $cc))))
    (local.set $y (f64x2.sub (v128.const f64x2 1 1) (f64x2.sub (f64x2.sub (local.get $lo) (local.get $q)) (local.get $hi))))
    (local.set $y (f64x2.mul (local.get $y)
      (i64x2.shl (i64x2.add (local.get $k64) (v128.const i64x2 1023 1023)) (i32.const 52))))
    ;; |x| < 2⁻²⁸: 1 + x
    (v128.bitselect
      (f64x2.add (v128.const f64x2 1 1) (local.get $x)) (local.get $y)
      (i64x2.lt_s (local.get $ax) (v128.const i64x2 0x3e30000000000000 0x3e30000000000000))))

  ;; out[i] = exp(e[i] − c[i]) for i < n, each the number Math.exp gives
  (func (export "expdiff") (param $n i32) (param $e i32) (param $c i32) (param $out i32)
    (local $k i32)
    (local.set $k (i32.shr_u (local.get $n) (i32.const 1)))
    (if (local.get $k)
      (then
        (loop $pair
          (v128.store (local.get $out) (call $exp2 (f64x2.sub (v128.load (local.get $e)) (v128.load (local.get $c)))))
          (local.set $e (i32.add (local.get $e) (i32.const 16)))
          (local.set $c (i32.add (local.get $c) (i32.const 16)))
          (local.set $out (i32.add (local.get $out) (i32.const 16)))
          (br_if $pair (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $out) (call $exp (f64.sub (f64.load (local.get $e)) (f64.load (local.get $c))))))))

  ;; η_i += (r0_i − r_i)/v_i (eta-step.ts: an IRLS step's end), then out[i] = exp(η_i − c_i) as expdiff
  (func (export "advanceexp") (param $n i32) (param $eta i32) (param $r0 i32) (param $r i32) (param $v i32) (param $c i32) (param $out i32)
    (local $k i32) (local $t v128) (local $u f64)
    (local.set $k (i32.shr_u (local.get $n) (i32.const 1)))
    (if (local.get $k)
      (then
        (loop $pair
          (local.set $t (f64x2.add (v128.load (local.get $eta))
            (f64x2.div (f64x2.sub (v128.load (local.get $r0)) (v128.load (local.get $r))) (v128.load (local.get $v)))))
          (v128.store (local.get $eta) (local.get $t))
          (v128.store (local.get $out) (call $exp2 (f64x2.sub (local.get $t) (v128.load (local.get $c)))))
          (local.set $eta (i32.add (local.get $eta) (i32.const 16)))
          (local.set $r0 (i32.add (local.get $r0) (i32.const 16)))
          (local.set $r (i32.add (local.get $r) (i32.const 16)))
          (local.set $v (i32.add (local.get $v) (i32.const 16)))
          (local.set $c (i32.add (local.get $c) (i32.const 16)))
          (local.set $out (i32.add (local.get $out) (i32.const 16)))
          (br_if $pair (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $u (f64.add (f64.load (local.get $eta))
          (f64.div (f64.sub (f64.load (local.get $r0)) (f64.load (local.get $r))) (f64.load (local.get $v)))))
        (f64.store (local.get $eta) (local.get $u))
        (f64.store (local.get $out) (call $exp (f64.sub (local.get $u) (f64.load (local.get $c))))))))

  ;; A class's quadratic rows (multinomial.ts, rowsQuadratic): p = ex/S, at glmnet's bounds (pfm, pfx) 0 or 1
  ;; with weight 0; v = w·p·(1 − p), r = r0 = w·(y − p). Returns Σv in row order; stores at out[0] the
  ;; largest p(1 − p) of the rows inside the bounds (0 if none), at out[1] how many rows have !(v > 0).
  (func (export "quadratic") (param $n i32) (param $ex i32) (param $s i32) (param $y i32) (param $w i32)
    (param $r i32) (param $v i32) (param $r0 i32) (param $out i32) (param $pfm f64) (param $pfx f64) (result f64)
    (local $k i32) (local $p v128) (local $low v128) (local $in v128) (local $tw v128) (local $tv v128) (local $tr v128)
    (local $big v128) (local $vsum f64) (local $nonpos i32) (local $lm v128) (local $lx v128) (local $largest f64)
    (local $p1 f64) (local $in1 i32) (local $v1 f64) (local $r1 f64)
    (local.set $lm (f64x2.splat (local.get $pfm)))
    (local.set $lx (f64x2.splat (local.get $pfx)))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 1)))
    (if (local.get $k)
      (then
        (loop $pair
          (local.set $p (f64x2.div (v128.load (local.get $ex)) (v128.load (local.get $s))))
          (local.set $low (f64x2.lt (local.get $p) (local.get $lm)))
          (local.set $in (v128.not (v128.or (local.get $low) (f64x2.gt (local.get $p) (local.get $lx)))))
          ;; outside: 0 below, 1 above
          (local.set $p (v128.bitselect (local.get $p)
            (v128.andnot (v128.const f64x2 1 1) (local.get $low)) (local.get $in)))
          (local.set $tw (v128.load (local.get $w)))
          (local.set $tv (v128.and
            (f64x2.mul (f64x2.mul (local.get $tw) (local.get $p)) (f64x2.sub (v128.const f64x2 1 1) (local.get $p)))
            (local.get $in)))
          (v128.store (local.get $v) (local.get $tv))
          (local.set $vsum (f64.add (f64.add (local.get $vsum) (f64x2.extract_lane 0 (local.get $tv))) (f64x2.extract_lane 1 (local.get $tv))))
          (local.set $nonpos (i32.add (local.get $nonpos)
            (i32.popcnt (i64x2.bitmask (v128.not (f64x2.gt (local.get $tv) (v128.const f64x2 0 0)))))))
          (local.set $big (f64x2.max (local.get $big)
            (v128.and (f64x2.mul (local.get $p) (f64x2.sub (v128.const f64x2 1 1) (local.get $p))) (local.get $in))))
          (local.set $tr (f64x2.mul (local.get $tw) (f64x2.sub (v128.load (local.get $y)) (local.get $p))))
          (v128.store (local.get $r) (local.get $tr))
          (v128.store (local.get $r0) (local.get $tr))
          (local.set $ex (i32.add (local.get $ex) (i32.const 16)))
          (local.set $s (i32.add (local.get $s) (i32.const 16)))
          (local.set $y (i32.add (local.get $y) (i32.const 16)))
          (local.set $w (i32.add (local.get $w) (i32.const 16)))
          (local.set $r (i32.add (local.get $r) (i32.const 16)))
          (local.set $v (i32.add (local.get $v) (i32.const 16)))
          (local.set $r0 (i32.add (local.get $r0) (i32.const 16)))
          (br_if $pair (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (local.set $largest (f64.max (f64x2.extract_lane 0 (local.get $big)) (f64x2.extract_lane 1 (local.get $big))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $p1 (f64.div (f64.load (local.get $ex)) (f64.load (local.get $s))))
        (local.set $in1 (i32.eqz (i32.or (f64.lt (local.get $p1) (local.get $pfm)) (f64.gt (local.get $p1) (local.get $pfx)))))
        (if (i32.eqz (local.get $in1))
          (then (local.set $p1 (select (f64.const 0) (f64.const 1) (f64.lt (local.get $p1) (local.get $pfm))))))
        (local.set $v1 (select
          (f64.mul (f64.mul (f64.load (local.get $w)) (local.get $p1)) (f64.sub (f64.const 1) (local.get $p1)))
          (f64.const 0) (local.get $in1)))
        (f64.store (local.get $v) (local.get $v1))
        (local.set $vsum (f64.add (local.get $vsum) (local.get $v1)))
        (if (i32.eqz (f64.gt (local.get $v1) (f64.const 0))) (then (local.set $nonpos (i32.add (local.get $nonpos) (i32.const 1)))))
        (if (local.get $in1)
          (then (local.set $largest (f64.max (local.get $largest) (f64.mul (local.get $p1) (f64.sub (f64.const 1) (local.get $p1)))))))
        (local.set $r1 (f64.mul (f64.load (local.get $w)) (f64.sub (f64.load (local.get $y)) (local.get $p1))))
        (f64.store (local.get $r) (local.get $r1))
        (f64.store (local.get $r0) (local.get $r1))))
    (f64.store (local.get $out) (local.get $largest))
    (f64.store offset=8 (local.get $out) (f64.convert_i32_s (local.get $nonpos)))
    (local.get $vsum))

  ;; s_i = Σ_{l<K} ex[l·n + i] in class order, stored at sum[i] where 1e-250 ≤ s_i ≤ 1e250 (not NaN);
  ;; returns how many rows were outside (their sum[i] left as it was)
  (func (export "rowsums") (param $n i32) (param $kk i32) (param $ex i32) (param $sum i32) (result i32)
    (local $k i32) (local $l i32) (local $p i32) (local $s v128) (local $ok v128) (local $bad i32) (local $s1 f64)
    (local $stride i32)
    (local.set $stride (i32.shl (local.get $n) (i32.const 3)))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 1)))
    (if (local.get $k)
      (then
        (loop $pair
          (local.set $s (v128.const i64x2 0 0))
          (local.set $p (local.get $ex))
          (local.set $l (local.get $kk))
          (loop $class
            (local.set $s (f64x2.add (local.get $s) (v128.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $stride)))
            (br_if $class (local.tee $l (i32.sub (local.get $l) (i32.const 1)))))
          (local.set $ok (v128.and
            (f64x2.le (local.get $s) (v128.const f64x2 1e250 1e250))
            (f64x2.ge (local.get $s) (v128.const f64x2 1e-250 1e-250))))
          (local.set $bad (i32.add (local.get $bad) (i32.sub (i32.const 2) (i32.popcnt (i64x2.bitmask (local.get $ok))))))
          (v128.store (local.get $sum) (v128.bitselect (local.get $s) (v128.load (local.get $sum)) (local.get $ok)))
          (local.set $ex (i32.add (local.get $ex) (i32.const 16)))
          (local.set $sum (i32.add (local.get $sum) (i32.const 16)))
          (br_if $pair (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $s1 (f64.const 0))
        (local.set $p (local.get $ex))
        (local.set $l (local.get $kk))
        (loop $class1
          (local.set $s1 (f64.add (local.get $s1) (f64.load (local.get $p))))
          (local.set $p (i32.add (local.get $p) (local.get $stride)))
          (br_if $class1 (local.tee $l (i32.sub (local.get $l) (i32.const 1)))))
        (if (i32.and (f64.le (local.get $s1) (f64.const 1e250)) (f64.ge (local.get $s1) (f64.const 1e-250)))
          (then (f64.store (local.get $sum) (local.get $s1)))
          (else (local.set $bad (i32.add (local.get $bad) (i32.const 1)))))))
    (local.get $bad))
)
