;; The relative duality gap of a covariance solution in WebAssembly (built by scripts/build-wasm.mjs beside
;; epoch.wat, whose instance on the same memory it joins: a module of its own, as epoch.wat with it would pass
;; the 4 KB a browser compiles synchronously). It reads the passes' layout block (offsets listed in epoch.wat):
;; g, β, the elastic net's terms, usable and state (rsq), as solve/gap.ts computes the gap from the pulls z = g,
;; operation for operation, so that the number is the same bit for bit.
(module
  (import "env" "memory" (memory 1))

  (func $f64at (param $base i32) (param $k i32) (result f64)
    (f64.load (i32.add (local.get $base) (i32.shl (local.get $k) (i32.const 3)))))
  (func $i32at (param $base i32) (param $k i32) (result i32)
    (i32.load (i32.add (local.get $base) (i32.shl (local.get $k) (i32.const 2)))))

  ;; The relative duality gap of the covariance solution at λ (solve/gap.ts's leastSquaresGap with gapAt,
  ;; operation for operation, z = g): the dual point scaled by s = min_j dualScale_j, then
  ;; 2·(½(1 − s)²·rss + Σ_j FenchelYoung_j(β_j, s·z_j)), rss = 1 − rsq. −1 where a usable j with z_j ≠ 0
  ;; has dualScale 0 (unpenalized, unbounded: gap.ts projects the dual point first; the caller does that).
  (func (export "covgap") (param $layout i32) (param $lambda f64) (param $alpha f64) (result f64)
    (local $j i32) (local $p i32) (local $g i32) (local $vp i32) (local $lo i32) (local $hi i32) (local $usable i32) (local $beta i32)
    (local $z f64) (local $v f64) (local $l1 f64) (local $s f64) (local $scale f64) (local $sum f64) (local $rss f64) (local $data f64)
    (local.set $p (i32.load (local.get $layout)))
    (local.set $g (i32.load offset=4 (local.get $layout)))
    (local.set $beta (i32.load offset=12 (local.get $layout)))
    (local.set $vp (i32.load offset=16 (local.get $layout)))
    (local.set $lo (i32.load offset=20 (local.get $layout)))
    (local.set $hi (i32.load offset=24 (local.get $layout)))
    (local.set $usable (i32.load offset=44 (local.get $layout)))
    (local.set $scale (f64.const 1))
    ;; scanPulls: s_j = 1 where h_j* is finite everywhere, else min(1, l1/|z_j|) a few ulps under
    (block $scanned
      (loop $next
        (br_if $scanned (i32.ge_s (local.get $j) (local.get $p)))
        (local.set $z (call $f64at (local.get $g) (local.get $j)))
        (if (i32.and (i32.ne (call $i32at (local.get $usable) (local.get $j)) (i32.const 0)) (f64.ne (local.get $z) (f64.const 0)))
          (then
            (local.set $v (call $f64at (local.get $vp) (local.get $j)))
            (local.set $s (f64.const 1))
            (if (i32.eqz (i32.or
                  (f64.gt (f64.mul (f64.mul (local.get $v) (local.get $lambda)) (f64.sub (f64.const 1) (local.get $alpha))) (f64.const 0))
                  (call $finite (call $f64at (select (local.get $hi) (local.get $lo) (f64.gt (local.get $z) (f64.const 0))) (local.get $j)))))
              (then
                (local.set $l1 (f64.mul (f64.mul (local.get $v) (local.get $lambda)) (local.get $alpha)))
                (if (i32.eqz (f64.le (f64.abs (local.get $z)) (local.get $l1)))
                  (then (local.set $s (f64.mul (f64.div (local.get $l1) (f64.abs (local.get $z)))
                    (f64.sub (f64.const 1) (f64.const 1e-15))))))))
            (if (f64.eq (local.get $s) (f64.const 0)) (then (return (f64.const -1))))
            (if (f64.lt (local.get $s) (local.get $scale)) (then (local.set $scale (local.get $s))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    ;; penaltyGap: Σ_j max(0, FenchelYoung_j(β_j, s·z_j)) over the usable j
    (local.set $j (i32.const 0))
    (block $summed
      (loop $next
        (br_if $summed (i32.ge_s (local.get $j) (local.get $p)))
        (if (i32.ne (call $i32at (local.get $usable) (local.get $j)) (i32.const 0))
          (then
            (local.set $sum (f64.add (local.get $sum) (f64.max (f64.const 0)
              (call $fenchelyoung (local.get $layout) (local.get $j) (call $f64at (local.get $beta) (local.get $j))
                (f64.mul (local.get $scale) (call $f64at (local.get $g) (local.get $j))) (local.get $lambda) (local.get $alpha)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (local.set $s (local.get $scale))
    (local.set $rss (f64.sub (f64.const 1) (f64.load (i32.load offset=52 (local.get $layout)))))
    (local.set $data (f64.mul (f64.const 0.5) (f64.add
      (f64.mul (f64.mul (f64.sub (f64.const 1) (local.get $s)) (f64.sub (f64.const 1) (local.get $s))) (f64.max (f64.const 0) (local.get $rss)))
      (f64.mul (f64.mul (local.get $s) (f64.sub (f64.const 2) (local.get $s))) (f64.max (f64.const 0) (f64.const 0))))))
    (f64.div (f64.mul (f64.const 2) (f64.add (local.get $data) (local.get $sum))) (f64.const 1)))

  ;; Whether x is finite (x − x is 0 for finite x, NaN for ±∞ and NaN).
  (func $finite (param $x f64) (result i32)
    (f64.eq (f64.sub (local.get $x) (local.get $x)) (f64.const 0)))

  ;; The elastic net's h_j(b) + h_j*(z) − b·z (penalties/elastic-net.ts's fenchelYoung and conjugate), with
  ;; h_j(b) = l1|b| + (l2/2)b², l1 = (v_j·λ)α, l2 = (v_j·λ)(1 − α), on [lo_j, hi_j].
  (func $fenchelyoung (param $layout i32) (param $j i32) (param $b f64) (param $z f64) (param $lambda f64) (param $alpha f64) (result f64)
    (local $v f64) (local $l1 f64) (local $l2 f64) (local $h f64) (local $s f64) (local $bound f64) (local $c f64) (local $bc f64)
    (local.set $v (call $f64at (i32.load offset=16 (local.get $layout)) (local.get $j)))
    (local.set $l1 (f64.mul (f64.mul (local.get $v) (local.get $lambda)) (local.get $alpha)))
    (local.set $l2 (f64.mul (f64.mul (local.get $v) (local.get $lambda)) (f64.sub (f64.const 1) (local.get $alpha))))
    (local.set $h (f64.add (f64.mul (local.get $l1) (f64.abs (local.get $b)))
      (f64.mul (f64.mul (f64.div (local.get $l2) (f64.const 2)) (local.get $b)) (local.get $b))))
    ;; the conjugate h_j*(z): S(z, l1), then b at the clamped ridge solution or the bound z pushes toward
    (block $conjugate
      (if (f64.gt (local.get $z) (local.get $l1))
        (then (local.set $s (f64.sub (local.get $z) (local.get $l1))))
        (else (if (f64.lt (local.get $z) (f64.neg (local.get $l1)))
          (then (local.set $s (f64.add (local.get $z) (local.get $l1))))
          (else (local.set $s (f64.const 0))))))
      (br_if $conjugate (f64.eq (local.get $s) (f64.const 0)))
      (local.set $bound (call $f64at
        (select (i32.load offset=24 (local.get $layout)) (i32.load offset=20 (local.get $layout)) (f64.gt (local.get $s) (f64.const 0)))
        (local.get $j)))
      (if (f64.gt (local.get $l2) (f64.const 0))
        (then
          (local.set $bc (f64.div (local.get $s) (local.get $l2)))
          (if (select (f64.gt (local.get $bc) (local.get $bound)) (f64.lt (local.get $bc) (local.get $bound)) (f64.gt (local.get $s) (f64.const 0)))
            (then (local.set $bc (local.get $bound)))))
        (else
          (if (i32.eqz (call $finite (local.get $bound))) (then (local.set $c (f64.const inf)) (br $conjugate)))
          (local.set $bc (local.get $bound))))
      (local.set $c (f64.sub (f64.mul (local.get $s) (local.get $bc))
        (f64.mul (f64.mul (f64.div (local.get $l2) (f64.const 2)) (local.get $bc)) (local.get $bc)))))
    (f64.sub (f64.add (local.get $h) (local.get $c)) (f64.mul (local.get $b) (local.get $z))))
)
