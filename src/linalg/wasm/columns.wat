;; Standardizing X's columns with equal weights c (src/solve/standardize.ts, built by scripts/build-wasm.mjs
;; beside kernels.wat), and checking their values as checkDesign does: whether a column is constant, its mean and sum of squared deviations, and its
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
  ;; colcheck's results: the column's smallest and largest values
  (global $lo (export "lo") (mut f64) (f64.const 0))
  (global $hi (export "hi") (mut f64) (f64.const 0))
  ;; colpair's second column's mean and sum of squares (colpairstats), and Σ c·x̃² (colpairscale)
  (global $mean2 (mut f64) (f64.const 0))
  (global $ss2 (mut f64) (f64.const 0))
  (global $xv2 (mut f64) (f64.const 0))

;; checkDesign's pass over a column (solve/checks.ts), two lanes at a time: 1 when the n f64s at byte address
  ;; x are all finite (Σ x_i·0 is 0, NaN when one is NaN or ±∞), with $lo and $hi their smallest and largest;
  ;; else 0. The order does not matter: the sum of zeros is 0, or NaN; min and max are the same whatever
  ;; the order (but the sign of a 0, which no check or message reads). pmin/pmax (one instruction each) keep
  ;; the first operand against a NaN: only read when there is none.
  (func $colcheck (export "colcheck") (param $n i32) (param $x i32) (result i32)
    (local $p i32) (local $end i32) (local $v v128) (local $probe v128) (local $lo v128) (local $hi v128)
    (local $a f64) (local $b f64) (local $t f64)
    (local.set $lo (f64x2.splat (f64.const inf)))
    (local.set $hi (f64x2.splat (f64.const -inf)))
    (local.set $p (local.get $x))
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $probe (f64x2.add (local.get $probe) (f64x2.mul (local.get $v) (f64x2.splat (f64.const 0)))))
        (local.set $lo (f64x2.pmin (local.get $lo) (local.get $v)))
        (local.set $hi (f64x2.pmax (local.get $hi) (local.get $v)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $pairs)))
    (local.set $a (f64.min (f64x2.extract_lane 0 (local.get $lo)) (f64x2.extract_lane 1 (local.get $lo))))
    (local.set $b (f64.max (f64x2.extract_lane 0 (local.get $hi)) (f64x2.extract_lane 1 (local.get $hi))))
    (local.set $t (f64.add (f64x2.extract_lane 0 (local.get $probe)) (f64x2.extract_lane 1 (local.get $probe))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $t (f64.add (local.get $t) (f64.mul (f64.load (local.get $end)) (f64.const 0))))
        (local.set $a (f64.min (local.get $a) (f64.load (local.get $end))))
        (local.set $b (f64.max (local.get $b) (f64.load (local.get $end))))))
    (global.set $lo (local.get $a))
    (global.set $hi (local.get $b))
    (f64.eq (local.get $t) (f64.const 0)))

  ;; 0 when the n f64s at byte address x are constant (every one equals the first, glmnet's chkvars);
  ;; else 1, with $mean = Σ c·x_i and $ss = Σ (c·d_i)·d_i, d_i = x_i − $mean, summed in order
  (func $colstats (export "colstats") (param $n i32) (param $x i32) (param $c f64) (result i32)
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
  (func $colscale (export "colscale") (param $n i32) (param $x i32) (param $out i32) (param $center f64) (param $s f64) (param $c f64) (param $sc f64) (param $weighted i32) (result f64)
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

  ;; 1 when the n f64s at byte address x do not all equal the first (colstats' scan), else 0
  (func $varies (param $n i32) (param $x i32) (result i32)
    (local $p i32) (local $end i32) (local $first f64)
    (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $first (f64.load (local.get $x)))
    (local.set $p (i32.add (local.get $x) (i32.const 8)))
    (block $found
      (loop $scan
        (br_if $found (i32.ge_u (local.get $p) (local.get $end)))
        (br_if $found (f64.ne (f64.load (local.get $p)) (local.get $first)))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $scan)))
    (i32.lt_u (local.get $p) (local.get $end)))

  ;; 1 when the column at x passes colsweep's check (flags & 1: finite, not constant, spread ≤ limit)
  (func $spreadok (param $n i32) (param $x i32) (param $flags i32) (param $limit f64) (result i32)
    (local $lo f64) (local $hi f64)
    (if (i32.eqz (i32.and (local.get $flags) (i32.const 1))) (then (return (i32.const 1))))
    (if (i32.eqz (call $colcheck (local.get $n) (local.get $x))) (then (return (i32.const 0))))
    (local.set $lo (global.get $lo))
    (local.set $hi (global.get $hi))
    (if (f64.eq (local.get $lo) (local.get $hi)) (then (return (i32.const 0))))
    (f64.le
      (select (f64.sub (local.get $hi) (local.get $lo)) (f64.max (f64.neg (local.get $lo)) (local.get $hi)) (i32.and (local.get $flags) (i32.const 2)))
      (local.get $limit)))

  ;; colstats of the columns at x and y = x + 8n together, each summed in its own order (two chains, one
  ;; loop: the adds of one do not wait on the other's): 1 when both vary, with $mean, $ss and $mean2, $ss2
  (func $colpairstats (param $n i32) (param $x i32) (param $c f64) (result i32)
    (local $p i32) (local $end i32) (local $k i32) (local $m f64) (local $s f64) (local $m2 f64) (local $s2 f64) (local $d f64) (local $e f64)
    (local.set $k (i32.shl (local.get $n) (i32.const 3)))
    (if (i32.eqz (call $varies (local.get $n) (local.get $x))) (then (return (i32.const 0))))
    (if (i32.eqz (call $varies (local.get $n) (i32.add (local.get $x) (local.get $k)))) (then (return (i32.const 0))))
    (local.set $end (i32.add (local.get $x) (local.get $k)))
    (local.set $p (local.get $x))
    (loop $sum
      (local.set $m (f64.add (local.get $m) (f64.mul (local.get $c) (f64.load (local.get $p)))))
      (local.set $m2 (f64.add (local.get $m2) (f64.mul (local.get $c) (f64.load (i32.add (local.get $p) (local.get $k))))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if $sum (i32.lt_u (local.get $p) (local.get $end))))
    (local.set $p (local.get $x))
    (loop $squares
      (local.set $d (f64.sub (f64.load (local.get $p)) (local.get $m)))
      (local.set $s (f64.add (local.get $s) (f64.mul (f64.mul (local.get $c) (local.get $d)) (local.get $d))))
      (local.set $e (f64.sub (f64.load (i32.add (local.get $p) (local.get $k))) (local.get $m2)))
      (local.set $s2 (f64.add (local.get $s2) (f64.mul (f64.mul (local.get $c) (local.get $e)) (local.get $e))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if $squares (i32.lt_u (local.get $p) (local.get $end))))
    (global.set $mean (local.get $m))
    (global.set $ss (local.get $s))
    (global.set $mean2 (local.get $m2))
    (global.set $ss2 (local.get $s2))
    (i32.const 1))

  ;; colscale of the columns at x and x + 8n in place together (centres a, b; scales s, t); returns the
  ;; first's Σ c·x̃², the second's in $xv2, each summed in its own order
  (func $colpairscale (param $n i32) (param $x i32) (param $a f64) (param $s f64) (param $b f64) (param $t f64)
    (param $c f64) (param $sc f64) (param $weighted i32) (result f64)
    (local $p i32) (local $q i32) (local $end i32) (local $u f64) (local $v f64) (local $ss f64) (local $ss2 f64)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $p (local.get $x))
    (loop $both
      (local.set $q (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
      (local.set $u (f64.div (f64.sub (f64.load (local.get $p)) (local.get $a)) (local.get $s)))
      (local.set $v (f64.div (f64.sub (f64.load (local.get $q)) (local.get $b)) (local.get $t)))
      (f64.store (local.get $p) (select (f64.mul (local.get $sc) (local.get $u)) (local.get $u) (local.get $weighted)))
      (f64.store (local.get $q) (select (f64.mul (local.get $sc) (local.get $v)) (local.get $v) (local.get $weighted)))
      (local.set $ss (f64.add (local.get $ss) (f64.mul (f64.mul (local.get $c) (local.get $u)) (local.get $u))))
      (local.set $ss2 (f64.add (local.get $ss2) (f64.mul (f64.mul (local.get $c) (local.get $v)) (local.get $v))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if $both (i32.lt_u (local.get $p) (local.get $end))))
    (global.set $xv2 (local.get $ss2))
    (local.get $ss))

  ;; Columns j and j + 1 as colsweep does each, together, when both pass the check, vary and have their
  ;; sums of squares in direct range (then 1, their results at res as colsweep's); else 0, nothing written
  (func $colpair (param $n i32) (param $at i32) (param $c f64) (param $sc f64) (param $flags i32) (param $limit f64)
    (param $res i32) (param $p i32) (param $j i32) (result i32)
    (local $a f64) (local $s f64) (local $b f64) (local $t f64) (local $xv f64) (local $q i32)
    (if (i32.eqz (call $spreadok (local.get $n) (local.get $at) (local.get $flags) (local.get $limit))) (then (return (i32.const 0))))
    (if (i32.eqz (call $spreadok (local.get $n) (i32.add (local.get $at) (i32.shl (local.get $n) (i32.const 3))) (local.get $flags) (local.get $limit)))
      (then (return (i32.const 0))))
    (if (i32.eqz (call $colpairstats (local.get $n) (local.get $at) (local.get $c))) (then (return (i32.const 0))))
    (if (i32.eqz (i32.and (f64.gt (global.get $ss) (f64.const 0x1p-900)) (f64.lt (global.get $ss) (f64.const inf)))) (then (return (i32.const 0))))
    (if (i32.eqz (i32.and (f64.gt (global.get $ss2) (f64.const 0x1p-900)) (f64.lt (global.get $ss2) (f64.const inf)))) (then (return (i32.const 0))))
    (local.set $s (f64.const 1))
    (local.set $t (f64.const 1))
    (if (i32.and (local.get $flags) (i32.const 2)) (then (local.set $a (global.get $mean)) (local.set $b (global.get $mean2))))
    (if (i32.and (local.get $flags) (i32.const 4)) (then (local.set $s (f64.sqrt (global.get $ss))) (local.set $t (f64.sqrt (global.get $ss2)))))
    (local.set $xv (call $colpairscale (local.get $n) (local.get $at) (local.get $a) (local.get $s) (local.get $b) (local.get $t)
      (local.get $c) (local.get $sc) (i32.and (i32.shr_u (local.get $flags) (i32.const 3)) (i32.const 1))))
    (local.set $q (i32.add (local.get $res) (i32.shl (local.get $j) (i32.const 3))))
    (f64.store (local.get $q) (local.get $a))
    (f64.store offset=8 (local.get $q) (local.get $b))
    (local.set $q (i32.add (local.get $q) (i32.shl (local.get $p) (i32.const 3))))
    (f64.store (local.get $q) (local.get $s))
    (f64.store offset=8 (local.get $q) (local.get $t))
    (local.set $q (i32.add (local.get $q) (i32.shl (local.get $p) (i32.const 3))))
    (f64.store (local.get $q) (local.get $xv))
    (f64.store offset=8 (local.get $q) (global.get $xv2))
    (i32.store16 (i32.add (i32.add (local.get $res) (i32.mul (local.get $p) (i32.const 24))) (local.get $j)) (i32.const 0x0101))
    (i32.const 1))

  ;; The columns j to end − 1 of the n-row X at byte address x, each in turn as standardizeInWasm does one
  ;; (solve/standardize.ts): with flags & 1, checked (colcheck) and stopped at a column not finite or, unless
  ;; constant, spread beyond $limit (hi − lo with an intercept, flags & 2, else max(−lo, hi)); then constant
  ;; (its copy zeroed, not usable) or, when its sum of squares is in direct range (sdOf), centred (flags & 2),
  ;; scaled by sd = √ss (flags & 4) in place, times sc when weighted (flags & 8); else stopped. Writes the
  ;; column's centre, scale, Σ c·x̃² and usable (0/1) at res + 8j, res + 8(p + j), res + 8(2p + j) (f64s)
  ;; and res + 24p + j (a byte); returns the first column stopped at (left as it was), or end.
  (func (export "colsweep") (param $n i32) (param $x i32) (param $j i32) (param $end i32) (param $c f64) (param $sc f64)
    (param $flags i32) (param $limit f64) (param $res i32) (param $p i32) (result i32)
    (local $at i32) (local $q i32) (local $lo f64) (local $hi f64) (local $ss f64) (local $center f64) (local $s f64) (local $xv f64) (local $u i32)
    (block $stop
      (loop $next
        (br_if $stop (i32.ge_u (local.get $j) (local.get $end)))
        (local.set $at (i32.add (local.get $x) (i32.shl (i32.mul (local.get $j) (local.get $n)) (i32.const 3))))
        ;; Two columns at once where both take the common way (their adds interleave; each sum's order is kept).
        (if (i32.lt_u (i32.add (local.get $j) (i32.const 1)) (local.get $end))
          (then
            (if (call $colpair (local.get $n) (local.get $at) (local.get $c) (local.get $sc) (local.get $flags) (local.get $limit)
                  (local.get $res) (local.get $p) (local.get $j))
              (then
                (local.set $j (i32.add (local.get $j) (i32.const 2)))
                (br $next)))))
        (if (i32.and (local.get $flags) (i32.const 1))
          (then
            (br_if $stop (i32.eqz (call $colcheck (local.get $n) (local.get $at))))
            (local.set $lo (global.get $lo))
            (local.set $hi (global.get $hi))
            (if (f64.ne (local.get $lo) (local.get $hi))
              (then
                (br_if $stop (i32.eqz (f64.le
                  (select (f64.sub (local.get $hi) (local.get $lo)) (f64.max (f64.neg (local.get $lo)) (local.get $hi)) (i32.and (local.get $flags) (i32.const 2)))
                  (local.get $limit))))))))
        (local.set $center (f64.const 0))
        (local.set $s (f64.const 1))
        (local.set $xv (f64.const 0))
        (local.set $u (i32.const 0))
        (if (call $colstats (local.get $n) (local.get $at) (local.get $c))
          (then
            (local.set $ss (global.get $ss))
            (br_if $stop (i32.eqz (i32.and (f64.gt (local.get $ss) (f64.const 0x1p-900)) (f64.lt (local.get $ss) (f64.const inf)))))
            (if (i32.and (local.get $flags) (i32.const 2)) (then (local.set $center (global.get $mean))))
            (if (i32.and (local.get $flags) (i32.const 4)) (then (local.set $s (f64.sqrt (local.get $ss)))))
            (local.set $xv (call $colscale (local.get $n) (local.get $at) (local.get $at) (local.get $center) (local.get $s)
              (local.get $c) (local.get $sc) (i32.and (i32.shr_u (local.get $flags) (i32.const 3)) (i32.const 1))))
            (local.set $u (i32.const 1)))
          (else
            (local.set $q (i32.const 0))
            (block $zeroed
              (loop $zero
                (br_if $zeroed (i32.ge_u (local.get $q) (local.get $n)))
                (f64.store (i32.add (local.get $at) (i32.shl (local.get $q) (i32.const 3))) (f64.const 0))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $zero)))))
        (local.set $q (i32.add (local.get $res) (i32.shl (local.get $j) (i32.const 3))))
        (f64.store (local.get $q) (local.get $center))
        (local.set $q (i32.add (local.get $q) (i32.shl (local.get $p) (i32.const 3))))
        (f64.store (local.get $q) (local.get $s))
        (local.set $q (i32.add (local.get $q) (i32.shl (local.get $p) (i32.const 3))))
        (f64.store (local.get $q) (local.get $xv))
        (i32.store8 (i32.add (i32.add (local.get $res) (i32.mul (local.get $p) (i32.const 24))) (local.get $j)) (local.get $u))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (local.get $j))
)
