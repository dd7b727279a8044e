;; The hot kernels of the solvers in WebAssembly with f64x2 SIMD (built by scripts/build-wasm.mjs).
;;
;; Every pointer is a byte offset into the imported memory; every length is a count of f64s.
;; The summation order is fixed and is exactly that of the TypeScript reference in ../kernels.ts,
;; so both give bit-identical results (WebAssembly has no fused multiply-add and rounds each lane
;; as IEEE scalar arithmetic does):
;;   lane k of the four vector accumulators a0 = (s0, s1), a1 = (s2, s3), a2 = (s4, s5), a3 = (s6, s7)
;;   sums the elements i ≡ k (mod 8) over whole blocks of 8; of the rest, a block of 4 goes to
;;   (s0, s1, s2, s3) and then a pair to (s0, s1); the result is
;;   ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7)), plus the last element when n is odd.
;;   Four accumulators, not two: the adds' latency, not the loads, limited two (bench/kernels.ts).
;; Elementwise kernels (axpy, waxpy) have no order to keep: each element is one expression. The fused
;; kernels (axpydot, waxpydot) update a vector and return its dot product with another, in one sweep
;; (one read of the vector instead of two): the same numbers as the update followed by dot.
(module
  (import "env" "memory" (memory 1))

  ;; Σ x[i]·y[i]
  (func (export "dot") (param $n i32) (param $x i32) (param $y i32) (result f64)
    (local $k i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $s f64)
    (local.set $k (i32.shr_u (local.get $n) (i32.const 3)))
    (if (local.get $k)
      (then
        (loop $block
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $x)) (v128.load (local.get $y)))))
          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $x)) (v128.load offset=16 (local.get $y)))))
          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=32 (local.get $x)) (v128.load offset=32 (local.get $y)))))
          (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=48 (local.get $x)) (v128.load offset=48 (local.get $y)))))
          (local.set $x (i32.add (local.get $x) (i32.const 64)))
          (local.set $y (i32.add (local.get $y) (i32.const 64)))
          (br_if $block (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 4))
      (then
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $x)) (v128.load (local.get $y)))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $x)) (v128.load offset=16 (local.get $y)))))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $y (i32.add (local.get $y) (i32.const 32)))))
    (if (i32.and (local.get $n) (i32.const 2))
      (then
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $x)) (v128.load (local.get $y)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))))
    (local.set $a0 (f64x2.add (f64x2.add (local.get $a0) (local.get $a2)) (f64x2.add (local.get $a1) (local.get $a3))))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $x)) (f64.load (local.get $y)))))))
    (local.get $s))

  ;; Σ w[i]·x[i]·y[i], each term rounded as (w[i]·x[i])·y[i]
  (func (export "wdot") (param $n i32) (param $w i32) (param $x i32) (param $y i32) (result f64)
    (local $k i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $s f64)
    (local.set $k (i32.shr_u (local.get $n) (i32.const 3)))
    (if (local.get $k)
      (then
        (loop $block
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (f64x2.mul (v128.load (local.get $w)) (v128.load (local.get $x))) (v128.load (local.get $y)))))
          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (f64x2.mul (v128.load offset=16 (local.get $w)) (v128.load offset=16 (local.get $x))) (v128.load offset=16 (local.get $y)))))
          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (f64x2.mul (v128.load offset=32 (local.get $w)) (v128.load offset=32 (local.get $x))) (v128.load offset=32 (local.get $y)))))
          (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (f64x2.mul (v128.load offset=48 (local.get $w)) (v128.load offset=48 (local.get $x))) (v128.load offset=48 (local.get $y)))))
          (local.set $w (i32.add (local.get $w) (i32.const 64)))
          (local.set $x (i32.add (local.get $x) (i32.const 64)))
          (local.set $y (i32.add (local.get $y) (i32.const 64)))
          (br_if $block (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 4))
      (then
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (f64x2.mul (v128.load (local.get $w)) (v128.load (local.get $x))) (v128.load (local.get $y)))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (f64x2.mul (v128.load offset=16 (local.get $w)) (v128.load offset=16 (local.get $x))) (v128.load offset=16 (local.get $y)))))
        (local.set $w (i32.add (local.get $w) (i32.const 32)))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $y (i32.add (local.get $y) (i32.const 32)))))
    (if (i32.and (local.get $n) (i32.const 2))
      (then
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (f64x2.mul (v128.load (local.get $w)) (v128.load (local.get $x))) (v128.load (local.get $y)))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))))
    (local.set $a0 (f64x2.add (f64x2.add (local.get $a0) (local.get $a2)) (f64x2.add (local.get $a1) (local.get $a3))))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (local.set $s (f64.add (local.get $s) (f64.mul (f64.mul (f64.load (local.get $w)) (f64.load (local.get $x))) (f64.load (local.get $y)))))))
    (local.get $s))

  ;; Σ w[i]·x[i]², each term rounded as (w[i]·x[i])·x[i]: wdot with y = x, reading x once
  (func (export "wsq") (param $n i32) (param $w i32) (param $x i32) (result f64)
    (local $k i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $s f64) (local $t v128) (local $u f64)
    (local.set $k (i32.shr_u (local.get $n) (i32.const 3)))
    (if (local.get $k)
      (then
        (loop $block
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (f64x2.mul (v128.load (local.get $w)) (local.tee $t (v128.load (local.get $x)))) (local.get $t))))
          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (f64x2.mul (v128.load offset=16 (local.get $w)) (local.tee $t (v128.load offset=16 (local.get $x)))) (local.get $t))))
          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (f64x2.mul (v128.load offset=32 (local.get $w)) (local.tee $t (v128.load offset=32 (local.get $x)))) (local.get $t))))
          (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (f64x2.mul (v128.load offset=48 (local.get $w)) (local.tee $t (v128.load offset=48 (local.get $x)))) (local.get $t))))
          (local.set $w (i32.add (local.get $w) (i32.const 64)))
          (local.set $x (i32.add (local.get $x) (i32.const 64)))
          (br_if $block (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 4))
      (then
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (f64x2.mul (v128.load (local.get $w)) (local.tee $t (v128.load (local.get $x)))) (local.get $t))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (f64x2.mul (v128.load offset=16 (local.get $w)) (local.tee $t (v128.load offset=16 (local.get $x)))) (local.get $t))))
        (local.set $w (i32.add (local.get $w) (i32.const 32)))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))))
    (if (i32.and (local.get $n) (i32.const 2))
      (then
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (f64x2.mul (v128.load (local.get $w)) (local.tee $t (v128.load (local.get $x)))) (local.get $t))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))))
    (local.set $a0 (f64x2.add (f64x2.add (local.get $a0) (local.get $a2)) (f64x2.add (local.get $a1) (local.get $a3))))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (local.set $s (f64.add (local.get $s) (f64.mul (f64.mul (f64.load (local.get $w)) (local.tee $u (f64.load (local.get $x)))) (local.get $u))))))
    (local.get $s))

  ;; Σ x[i]
  (func (export "sum") (param $n i32) (param $x i32) (result f64)
    (local $k i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $s f64)
    (local.set $k (i32.shr_u (local.get $n) (i32.const 3)))
    (if (local.get $k)
      (then
        (loop $block
          (local.set $a0 (f64x2.add (local.get $a0) (v128.load (local.get $x))))
          (local.set $a1 (f64x2.add (local.get $a1) (v128.load offset=16 (local.get $x))))
          (local.set $a2 (f64x2.add (local.get $a2) (v128.load offset=32 (local.get $x))))
          (local.set $a3 (f64x2.add (local.get $a3) (v128.load offset=48 (local.get $x))))
          (local.set $x (i32.add (local.get $x) (i32.const 64)))
          (br_if $block (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 4))
      (then
        (local.set $a0 (f64x2.add (local.get $a0) (v128.load (local.get $x))))
        (local.set $a1 (f64x2.add (local.get $a1) (v128.load offset=16 (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))))
    (if (i32.and (local.get $n) (i32.const 2))
      (then
        (local.set $a0 (f64x2.add (local.get $a0) (v128.load (local.get $x))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))))
    (local.set $a0 (f64x2.add (f64x2.add (local.get $a0) (local.get $a2)) (f64x2.add (local.get $a1) (local.get $a3))))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (local.set $s (f64.add (local.get $s) (f64.load (local.get $x))))))
    (local.get $s))

  ;; y[i] += a·x[i]
  (func (export "axpy") (param $n i32) (param $a f64) (param $x i32) (param $y i32)
    (local $k i32) (local $av v128)
    (local.set $av (f64x2.splat (local.get $a)))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 2)))
    (if (local.get $k)
      (then
        (loop $block
          (v128.store (local.get $y) (f64x2.add (v128.load (local.get $y))
            (f64x2.mul (local.get $av) (v128.load (local.get $x)))))
          (v128.store offset=16 (local.get $y) (f64x2.add (v128.load offset=16 (local.get $y))
            (f64x2.mul (local.get $av) (v128.load offset=16 (local.get $x)))))
          (local.set $x (i32.add (local.get $x) (i32.const 32)))
          (local.set $y (i32.add (local.get $y) (i32.const 32)))
          (br_if $block (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 2))
      (then
        (v128.store (local.get $y) (f64x2.add (v128.load (local.get $y))
          (f64x2.mul (local.get $av) (v128.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $y) (f64.add (f64.load (local.get $y))
        (f64.mul (local.get $a) (f64.load (local.get $x))))))))

  ;; r[i] −= (a·v[i])·x[i]
  (func (export "waxpy") (param $n i32) (param $a f64) (param $v i32) (param $x i32) (param $r i32)
    (local $k i32) (local $av v128)
    (local.set $av (f64x2.splat (local.get $a)))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 2)))
    (if (local.get $k)
      (then
        (loop $block
          (v128.store (local.get $r) (f64x2.sub (v128.load (local.get $r))
            (f64x2.mul (f64x2.mul (local.get $av) (v128.load (local.get $v))) (v128.load (local.get $x)))))
          (v128.store offset=16 (local.get $r) (f64x2.sub (v128.load offset=16 (local.get $r))
            (f64x2.mul (f64x2.mul (local.get $av) (v128.load offset=16 (local.get $v))) (v128.load offset=16 (local.get $x)))))
          (local.set $v (i32.add (local.get $v) (i32.const 32)))
          (local.set $x (i32.add (local.get $x) (i32.const 32)))
          (local.set $r (i32.add (local.get $r) (i32.const 32)))
          (br_if $block (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 2))
      (then
        (v128.store (local.get $r) (f64x2.sub (v128.load (local.get $r))
          (f64x2.mul (f64x2.mul (local.get $av) (v128.load (local.get $v))) (v128.load (local.get $x)))))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $r (i32.add (local.get $r) (i32.const 16)))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $r) (f64.sub (f64.load (local.get $r))
        (f64.mul (f64.mul (local.get $a) (f64.load (local.get $v))) (f64.load (local.get $x))))))))

  ;; y[i] += a·x[i], then Σ y[i]·z[i] over the updated y: axpy fused with the next coordinate's dot
  (func (export "axpydot") (param $n i32) (param $a f64) (param $x i32) (param $y i32) (param $z i32) (result f64)
    (local $k i32) (local $av v128) (local $t v128) (local $u f64)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $s f64)
    (local.set $av (f64x2.splat (local.get $a)))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 3)))
    (if (local.get $k)
      (then
        (loop $block
          (local.set $t (f64x2.add (v128.load (local.get $y)) (f64x2.mul (local.get $av) (v128.load (local.get $x)))))
          (v128.store (local.get $y) (local.get $t))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $t) (v128.load (local.get $z)))))
          (local.set $t (f64x2.add (v128.load offset=16 (local.get $y)) (f64x2.mul (local.get $av) (v128.load offset=16 (local.get $x)))))
          (v128.store offset=16 (local.get $y) (local.get $t))
          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $t) (v128.load offset=16 (local.get $z)))))
          (local.set $t (f64x2.add (v128.load offset=32 (local.get $y)) (f64x2.mul (local.get $av) (v128.load offset=32 (local.get $x)))))
          (v128.store offset=32 (local.get $y) (local.get $t))
          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $t) (v128.load offset=32 (local.get $z)))))
          (local.set $t (f64x2.add (v128.load offset=48 (local.get $y)) (f64x2.mul (local.get $av) (v128.load offset=48 (local.get $x)))))
          (v128.store offset=48 (local.get $y) (local.get $t))
          (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $t) (v128.load offset=48 (local.get $z)))))
          (local.set $x (i32.add (local.get $x) (i32.const 64)))
          (local.set $y (i32.add (local.get $y) (i32.const 64)))
          (local.set $z (i32.add (local.get $z) (i32.const 64)))
          (br_if $block (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 4))
      (then
        (local.set $t (f64x2.add (v128.load (local.get $y)) (f64x2.mul (local.get $av) (v128.load (local.get $x)))))
        (v128.store (local.get $y) (local.get $t))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $t) (v128.load (local.get $z)))))
        (local.set $t (f64x2.add (v128.load offset=16 (local.get $y)) (f64x2.mul (local.get $av) (v128.load offset=16 (local.get $x)))))
        (v128.store offset=16 (local.get $y) (local.get $t))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $t) (v128.load offset=16 (local.get $z)))))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $y (i32.add (local.get $y) (i32.const 32)))
        (local.set $z (i32.add (local.get $z) (i32.const 32)))))
    (if (i32.and (local.get $n) (i32.const 2))
      (then
        (local.set $t (f64x2.add (v128.load (local.get $y)) (f64x2.mul (local.get $av) (v128.load (local.get $x)))))
        (v128.store (local.get $y) (local.get $t))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $t) (v128.load (local.get $z)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $z (i32.add (local.get $z) (i32.const 16)))))
    (local.set $a0 (f64x2.add (f64x2.add (local.get $a0) (local.get $a2)) (f64x2.add (local.get $a1) (local.get $a3))))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $u (f64.add (f64.load (local.get $y)) (f64.mul (local.get $a) (f64.load (local.get $x)))))
        (f64.store (local.get $y) (local.get $u))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $u) (f64.load (local.get $z)))))))
    (local.get $s))

  ;; r[i] −= (a·v[i])·x[i], then Σ r[i]·z[i] over the updated r: waxpy fused with the next coordinate's dot
  (func (export "waxpydot") (param $n i32) (param $a f64) (param $v i32) (param $x i32) (param $r i32) (param $z i32) (result f64)
    (local $k i32) (local $av v128) (local $t v128) (local $u f64)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $s f64)
    (local.set $av (f64x2.splat (local.get $a)))
    (local.set $k (i32.shr_u (local.get $n) (i32.const 3)))
    (if (local.get $k)
      (then
        (loop $block
          (local.set $t (f64x2.sub (v128.load (local.get $r)) (f64x2.mul (f64x2.mul (local.get $av) (v128.load (local.get $v))) (v128.load (local.get $x)))))
          (v128.store (local.get $r) (local.get $t))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $t) (v128.load (local.get $z)))))
          (local.set $t (f64x2.sub (v128.load offset=16 (local.get $r)) (f64x2.mul (f64x2.mul (local.get $av) (v128.load offset=16 (local.get $v))) (v128.load offset=16 (local.get $x)))))
          (v128.store offset=16 (local.get $r) (local.get $t))
          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $t) (v128.load offset=16 (local.get $z)))))
          (local.set $t (f64x2.sub (v128.load offset=32 (local.get $r)) (f64x2.mul (f64x2.mul (local.get $av) (v128.load offset=32 (local.get $v))) (v128.load offset=32 (local.get $x)))))
          (v128.store offset=32 (local.get $r) (local.get $t))
          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $t) (v128.load offset=32 (local.get $z)))))
          (local.set $t (f64x2.sub (v128.load offset=48 (local.get $r)) (f64x2.mul (f64x2.mul (local.get $av) (v128.load offset=48 (local.get $v))) (v128.load offset=48 (local.get $x)))))
          (v128.store offset=48 (local.get $r) (local.get $t))
          (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $t) (v128.load offset=48 (local.get $z)))))
          (local.set $v (i32.add (local.get $v) (i32.const 64)))
          (local.set $x (i32.add (local.get $x) (i32.const 64)))
          (local.set $r (i32.add (local.get $r) (i32.const 64)))
          (local.set $z (i32.add (local.get $z) (i32.const 64)))
          (br_if $block (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (if (i32.and (local.get $n) (i32.const 4))
      (then
        (local.set $t (f64x2.sub (v128.load (local.get $r)) (f64x2.mul (f64x2.mul (local.get $av) (v128.load (local.get $v))) (v128.load (local.get $x)))))
        (v128.store (local.get $r) (local.get $t))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $t) (v128.load (local.get $z)))))
        (local.set $t (f64x2.sub (v128.load offset=16 (local.get $r)) (f64x2.mul (f64x2.mul (local.get $av) (v128.load offset=16 (local.get $v))) (v128.load offset=16 (local.get $x)))))
        (v128.store offset=16 (local.get $r) (local.get $t))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $t) (v128.load offset=16 (local.get $z)))))
        (local.set $v (i32.add (local.get $v) (i32.const 32)))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (local.set $r (i32.add (local.get $r) (i32.const 32)))
        (local.set $z (i32.add (local.get $z) (i32.const 32)))))
    (if (i32.and (local.get $n) (i32.const 2))
      (then
        (local.set $t (f64x2.sub (v128.load (local.get $r)) (f64x2.mul (f64x2.mul (local.get $av) (v128.load (local.get $v))) (v128.load (local.get $x)))))
        (v128.store (local.get $r) (local.get $t))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $t) (v128.load (local.get $z)))))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $r (i32.add (local.get $r) (i32.const 16)))
        (local.set $z (i32.add (local.get $z) (i32.const 16)))))
    (local.set $a0 (f64x2.add (f64x2.add (local.get $a0) (local.get $a2)) (f64x2.add (local.get $a1) (local.get $a3))))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $u (f64.sub (f64.load (local.get $r)) (f64.mul (f64.mul (local.get $a) (f64.load (local.get $v))) (f64.load (local.get $x)))))
        (f64.store (local.get $r) (local.get $u))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $u) (f64.load (local.get $z)))))))
    (local.get $s))
)
