;; IRLS's binomial rows in WebAssembly with f64x2 SIMD (built by scripts/build-wasm.mjs into rows.wasm.ts):
;; solve/irls-rows.ts's binomialRows, two rows at a time, the same numbers bit for bit. Its one exp a row is
;; V8's Math.exp, which is fdlibm's e_exp.c (V8's src/base/ieee754.cc): the same operations in the same
;; order, with selects for its branches, give the same doubles (WebAssembly has no fused multiply-add, and
;; rounds to nearest as C does). Pointers are byte offsets into the imported memory, lengths counts of f64s.
(module
  (import "env" "memory" (memory 1))

  ;; fdlibm's exp of both lanes, for |x| < 700 (no overflow or subnormal branch):
  ;;   |x| < 2^-28: 1 + x.  Else x = k·ln2 + r (k = 0 for |x| ≤ ½ln2, sign(x) to 1½ln2, else the nearest
  ;;   integer to x/ln2, rounded as fdlibm does), hi = x − k·ln2HI, lo = k·ln2LO, r = hi − lo,
  ;;   c = r − r²(P1 + r²(P2 + …)), y = 1 − ((lo − r·c/(2 − c)) − hi), exp = y·2^k; and exp(1) = e (V8's).
  ;; For k = 0 this is fdlibm's 1 − (r·c/(c − 2) − r) to the bit: c − 2 = −(2 − c) exactly, and 0 − q = −q.
  ;; The thresholds compare |x| with the doubles whose high words fdlibm compares (0x3fd62e43, 0x3ff0a2b2).
  (func $exp (param $x v128) (result v128)
    (local $ax v128) (local $big v128) (local $k v128) (local $hi v128) (local $lo v128) (local $r v128)
    (local $t v128) (local $c v128) (local $y v128) (local $scale v128)
    (local.set $ax (f64x2.abs (local.get $x)))
    (local.set $big (f64x2.ge (local.get $ax) (v128.const i64x2 0x3fd62e4300000000 0x3fd62e4300000000)))
    ;; k: ±1 below 1.5·ln2, else trunc(x/ln2 ± ½) (invln2·x + halF[sign]); 0 below ½ln2.
    (local.set $k
      (v128.and (local.get $big)
        (v128.bitselect
          (v128.bitselect (local.get $x) (v128.const f64x2 1 1) (v128.const i64x2 0x8000000000000000 0x8000000000000000))
          (f64x2.trunc (f64x2.add (f64x2.mul (v128.const f64x2 1.44269504088896338700e+00 1.44269504088896338700e+00) (local.get $x))
            (v128.bitselect (local.get $x) (v128.const f64x2 0.5 0.5) (v128.const i64x2 0x8000000000000000 0x8000000000000000))))
          (f64x2.lt (local.get $ax) (v128.const i64x2 0x3ff0a2b200000000 0x3ff0a2b200000000)))))
    (local.set $hi (f64x2.sub (local.get $x) (f64x2.mul (local.get $k) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01))))
    (local.set $lo (f64x2.mul (local.get $k) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10)))
    (local.set $r (f64x2.sub (local.get $hi) (local.get $lo)))
    (local.set $t (f64x2.mul (local.get $r) (local.get $r)))
    (local.set $c (f64x2.sub (local.get $r) (f64x2.mul (local.get $t)
      (f64x2.add (v128.const f64x2 1.66666666666666019037e-01 1.66666666666666019037e-01) (f64x2.mul (local.get $t)
        (f64x2.add (v128.const f64x2 -2.77777777770155933842e-03 -2.77777777770155933842e-03) (f64x2.mul (local.get $t)
          (f64x2.add (v128.const f64x2 6.61375632143793436117e-05 6.61375632143793436117e-05) (f64x2.mul (local.get $t)
            (f64x2.add (v128.const f64x2 -1.65339022054652515390e-06 -1.65339022054652515390e-06) (f64x2.mul (local.get $t)
              (v128.const f64x2 4.13813679705723846039e-08 4.13813679705723846039e-08))))))))))))
    (local.set $y (f64x2.sub (v128.const f64x2 1 1)
      (f64x2.sub
        (f64x2.sub (local.get $lo) (f64x2.div (f64x2.mul (local.get $r) (local.get $c)) (f64x2.sub (v128.const f64x2 2 2) (local.get $c))))
        (local.get $hi))))
    ;; 2^k from k's bits: (k + 1023) << 52.
    (local.set $scale (i64x2.shl
      (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $k))) (v128.const i64x2 1023 1023))
      (i32.const 52)))
    (local.set $y (f64x2.mul (local.get $y) (local.get $scale)))
    ;; exp(1) is e (V8 returns its constant); |x| < 2^-28: 1 + x.
    (local.set $y (v128.bitselect (v128.const f64x2 2.718281828459045 2.718281828459045) (local.get $y)
      (f64x2.eq (local.get $x) (v128.const f64x2 1 1))))
    (v128.bitselect (f64x2.add (v128.const f64x2 1 1) (local.get $x)) (local.get $y)
      (f64x2.lt (local.get $ax) (v128.const i64x2 0x3e30000000000000 0x3e30000000000000))))

  ;; binomial's rows in pairs, [0, 2·floor(n/2)), their sum of v added in row order: $exp written out in the
  ;; loop (V8 inlines no WebAssembly call; a call a pair cost 10% here), then μ = 0 below −cap, 1 above cap,
  ;; else 1/(1 + exp(−η)) (logisticMean).
  (func $pairs (param $end i32) (param $cap v128) (param $eta i32) (param $r0 i32) (param $y i32) (param $w i32)
    (param $mu i32) (param $v i32) (param $r i32) (result f64)
    (local $o i32) (local $sum f64) (local $e v128) (local $m v128) (local $wi v128) (local $vi v128) (local $ri v128)
    (local $x v128) (local $ax v128) (local $big v128) (local $k v128) (local $hi v128) (local $lo v128)
    (local $red v128) (local $t v128) (local $c v128) (local $y2 v128) (local $scale v128)
    (block $done
      (loop $pair
        (br_if $done (i32.gt_u (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
        (local.set $e (v128.load (i32.add (local.get $eta) (local.get $o))))
        (if (i32.ge_s (local.get $r0) (i32.const 0))
          (then
            (local.set $e (f64x2.add (local.get $e)
              (f64x2.div (f64x2.sub (v128.load (i32.add (local.get $r0) (local.get $o))) (v128.load (i32.add (local.get $r) (local.get $o))))
                (v128.load (i32.add (local.get $v) (local.get $o))))))
            (v128.store (i32.add (local.get $eta) (local.get $o)) (local.get $e))))
        (local.set $x (f64x2.neg (local.get $e)))
        (local.set $ax (f64x2.abs (local.get $x)))
    (local.set $big (f64x2.ge (local.get $ax) (v128.const i64x2 0x3fd62e4300000000 0x3fd62e4300000000)))
    ;; k: ±1 below 1.5·ln2, else trunc(x/ln2 ± ½) (invln2·x + halF[sign]); 0 below ½ln2.
    (local.set $k
      (v128.and (local.get $big)
        (v128.bitselect
          (v128.bitselect (local.get $x) (v128.const f64x2 1 1) (v128.const i64x2 0x8000000000000000 0x8000000000000000))
          (f64x2.trunc (f64x2.add (f64x2.mul (v128.const f64x2 1.44269504088896338700e+00 1.44269504088896338700e+00) (local.get $x))
            (v128.bitselect (local.get $x) (v128.const f64x2 0.5 0.5) (v128.const i64x2 0x8000000000000000 0x8000000000000000))))
          (f64x2.lt (local.get $ax) (v128.const i64x2 0x3ff0a2b200000000 0x3ff0a2b200000000)))))
    (local.set $hi (f64x2.sub (local.get $x) (f64x2.mul (local.get $k) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01))))
    (local.set $lo (f64x2.mul (local.get $k) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10)))
    (local.set $red (f64x2.sub (local.get $hi) (local.get $lo)))
    (local.set $t (f64x2.mul (local.get $red) (local.get $red)))
    (local.set $c (f64x2.sub (local.get $red) (f64x2.mul (local.get $t)
      (f64x2.add (v128.const f64x2 1.66666666666666019037e-01 1.66666666666666019037e-01) (f64x2.mul (local.get $t)
        (f64x2.add (v128.const f64x2 -2.77777777770155933842e-03 -2.77777777770155933842e-03) (f64x2.mul (local.get $t)
          (f64x2.add (v128.const f64x2 6.61375632143793436117e-05 6.61375632143793436117e-05) (f64x2.mul (local.get $t)
            (f64x2.add (v128.const f64x2 -1.65339022054652515390e-06 -1.65339022054652515390e-06) (f64x2.mul (local.get $t)
              (v128.const f64x2 4.13813679705723846039e-08 4.13813679705723846039e-08))))))))))))
    (local.set $y2 (f64x2.sub (v128.const f64x2 1 1)
      (f64x2.sub
        (f64x2.sub (local.get $lo) (f64x2.div (f64x2.mul (local.get $red) (local.get $c)) (f64x2.sub (v128.const f64x2 2 2) (local.get $c))))
        (local.get $hi))))
    ;; 2^k from k's bits: (k + 1023) << 52.
    (local.set $scale (i64x2.shl
      (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $k))) (v128.const i64x2 1023 1023))
      (i32.const 52)))
    (local.set $y2 (f64x2.mul (local.get $y2) (local.get $scale)))
    ;; exp(1) is e (V8 returns its constant); |x| < 2^-28: 1 + x.
    (local.set $y2 (v128.bitselect (v128.const f64x2 2.718281828459045 2.718281828459045) (local.get $y2)
      (f64x2.eq (local.get $x) (v128.const f64x2 1 1))))
    (local.set $x (v128.bitselect (f64x2.add (v128.const f64x2 1 1) (local.get $x)) (local.get $y2)
      (f64x2.lt (local.get $ax) (v128.const i64x2 0x3e30000000000000 0x3e30000000000000))))
        (local.set $m (v128.bitselect (v128.const f64x2 0 0)
          (v128.bitselect (v128.const f64x2 1 1)
            (f64x2.div (v128.const f64x2 1 1) (f64x2.add (v128.const f64x2 1 1) (local.get $x)))
            (f64x2.gt (local.get $e) (local.get $cap)))
          (f64x2.lt (local.get $e) (f64x2.neg (local.get $cap)))))
        (local.set $wi (v128.load (i32.add (local.get $w) (local.get $o))))
        (local.set $vi (f64x2.mul (local.get $wi) (f64x2.mul (local.get $m) (f64x2.sub (v128.const f64x2 1 1) (local.get $m)))))
        (v128.store (i32.add (local.get $mu) (local.get $o)) (local.get $m))
        (v128.store (i32.add (local.get $v) (local.get $o)) (local.get $vi))
        (v128.store (i32.add (local.get $r) (local.get $o))
          (f64x2.mul (local.get $wi) (f64x2.sub (v128.load (i32.add (local.get $y) (local.get $o))) (local.get $m))))
        (local.set $sum (f64.add (f64.add (local.get $sum) (f64x2.extract_lane 0 (local.get $vi))) (f64x2.extract_lane 1 (local.get $vi))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $pair)))
    (local.get $sum))

  ;; The last row i of an odd n, as $pairs does a row, with $exp: lane 0 of a splat.
  (func $last (param $o i32) (param $cap f64) (param $eta i32) (param $r0 i32) (param $y i32) (param $w i32)
    (param $mu i32) (param $v i32) (param $r i32) (param $sum f64) (result f64)
    (local $e f64) (local $m f64) (local $wi f64) (local $vi f64)
    (local.set $e (f64.load (i32.add (local.get $eta) (local.get $o))))
    (if (i32.ge_s (local.get $r0) (i32.const 0))
      (then
        (local.set $e (f64.add (local.get $e)
          (f64.div (f64.sub (f64.load (i32.add (local.get $r0) (local.get $o))) (f64.load (i32.add (local.get $r) (local.get $o))))
            (f64.load (i32.add (local.get $v) (local.get $o))))))
        (f64.store (i32.add (local.get $eta) (local.get $o)) (local.get $e))))
    (local.set $m (f64.div (f64.const 1) (f64.add (f64.const 1) (f64x2.extract_lane 0 (call $exp (f64x2.splat (f64.neg (local.get $e))))))))
    (if (f64.gt (local.get $e) (local.get $cap)) (then (local.set $m (f64.const 1))))
    (if (f64.lt (local.get $e) (f64.neg (local.get $cap))) (then (local.set $m (f64.const 0))))
    (local.set $wi (f64.load (i32.add (local.get $w) (local.get $o))))
    (local.set $vi (f64.mul (local.get $wi) (f64.mul (local.get $m) (f64.sub (f64.const 1) (local.get $m)))))
    (f64.store (i32.add (local.get $mu) (local.get $o)) (local.get $m))
    (f64.store (i32.add (local.get $v) (local.get $o)) (local.get $vi))
    (f64.store (i32.add (local.get $r) (local.get $o))
      (f64.mul (local.get $wi) (f64.sub (f64.load (i32.add (local.get $y) (local.get $o))) (local.get $m))))
    (f64.add (local.get $sum) (local.get $vi)))

  ;; binomialRows over n rows (irls-rows.ts): μ = logistic(η), v = w·μ(1 − μ), r = w(y − μ); returns Σ v in
  ;; row order. With $r0 ≥ 0 (advance; −1: update) η += (r₀ − r)/v first, and where some v_i ≤ 0 (or NaN)
  ;; it returns −1 having changed nothing. $cap: logisticMean's bound on |η| (0 or 1 beyond it).
  (func (export "binomial") (param $n i32) (param $cap f64) (param $eta i32) (param $r0 i32) (param $y i32) (param $w i32)
    (param $mu i32) (param $v i32) (param $r i32) (result f64)
    (local $o i32) (local $end i32) (local $sum f64)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (if (i32.ge_s (local.get $r0) (i32.const 0))
      (then
        (block $scanned
          (loop $scan
            (br_if $scanned (i32.ge_u (local.get $o) (local.get $end)))
            (if (i32.eqz (f64.gt (f64.load (i32.add (local.get $v) (local.get $o))) (f64.const 0))) (then (return (f64.const -1))))
            (local.set $o (i32.add (local.get $o) (i32.const 8)))
            (br $scan)))))
    (local.set $sum (call $pairs (local.get $end) (f64x2.splat (local.get $cap)) (local.get $eta) (local.get $r0) (local.get $y)
      (local.get $w) (local.get $mu) (local.get $v) (local.get $r)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $sum (call $last (i32.sub (local.get $end) (i32.const 8)) (local.get $cap) (local.get $eta) (local.get $r0)
          (local.get $y) (local.get $w) (local.get $mu) (local.get $v) (local.get $r) (local.get $sum)))))
    (local.get $sum))

  ;; exp of n values at $x into $out (tests: against Math.exp).
  (func (export "exp") (param $n i32) (param $x i32) (param $out i32)
    (local $o i32) (local $end i32)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (f64.store (i32.add (local.get $out) (local.get $o))
          (f64x2.extract_lane 0 (call $exp (v128.load64_splat (i32.add (local.get $x) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $each))))
)
