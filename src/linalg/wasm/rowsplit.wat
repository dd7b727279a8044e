;; Coordinate passes split by rows across two threads (../row-split.ts; built by scripts/build-wasm.mjs, on a
;; shared memory only). epoch.wat (gaussian) and irls.wat (IRLS) import the kernels; an instance of the
;; passes importing these instead runs every call n rows long (n set by setup) as two halves: rows [0, h) in
;; the calling thread, rows [h, n) posted to a helper thread looping in `serve`. The caller takes the posted
;; half itself when the helper has not claimed it by the time its own half is done (a helper descheduled,
;; or not started yet, costs its half and no wait); else it spins until the helper's result is there.
;; A split sum is (first half) + (second half), in that order, whichever thread ran each half: the same
;; bits with or without the helper (a curvature Σ v·x² too: the second half's goes to word 72, then is
;; added to the first's at out). Calls of any other length run whole, as the kernels do.
;;
;; The control block at $ctl (setup; i32s, and f64s at 24, 32 and 72):
;;   0 state: 0 idle, 1 posted, 2 taken, 3 done
;;   4 op: 0 leave serve, 1 dot, 2 axpy, 3 axpydot, 4 sum, 5 waxpy, 6 waxpydot, 7 dotwsq, 8 waxpydotwsq
;;   8 rows of the half   12, 16, 20, 60 the vectors' byte addresses, shifted to the half   24 a
;;   32 the half's result   40 halves the helper ran   44 mode: 0 the helper runs every half, 1 the caller
;;   may take a posted half, 2 "alone": the caller runs both, posting nothing (the same bits, no helper;
;;   row-split.ts does so where that has been faster lately: a machine whose cores are busy)
;;   48 1 while the helper sleeps (memory.atomic.wait32 on the state): a post then wakes it
;;   52 waits for a taken half that lasted over 2^18 looks (a helper descheduled mid-half)   56 n-row calls
;;   72 the second half's curvature
(module
  (import "env" "memory" (memory 1 65536 shared))
  (import "kernels" "dot" (func $kdot (param i32 i32 i32) (result f64)))
  (import "kernels" "axpy" (func $kaxpy (param i32 f64 i32 i32)))
  (import "kernels" "axpydot" (func $kaxpydot (param i32 f64 i32 i32 i32) (result f64)))
  (import "kernels" "sum" (func $ksum (param i32 i32) (result f64)))
  (import "kernels" "waxpy" (func $kwaxpy (param i32 f64 i32 i32 i32)))
  (import "kernels" "waxpydot" (func $kwaxpydot (param i32 f64 i32 i32 i32 i32) (result f64)))
  (import "kernels" "dotwsq" (func $kdotwsq (param i32 i32 i32 i32 i32) (result f64)))
  (import "kernels" "waxpydotwsq" (func $kwaxpydotwsq (param i32 f64 i32 i32 i32 i32 i32) (result f64)))
  (global $ctl (mut i32) (i32.const 0))
  (global $n (mut i32) (i32.const -1))
  (global $h (mut i32) (i32.const 0))

  (func (export "setup") (param $ctl i32) (param $n i32) (param $h i32)
    (global.set $ctl (local.get $ctl))
    (global.set $n (local.get $n))
    (global.set $h (local.get $h)))

  ;; The address of row h of a vector at p.
  (func $half (param $p i32) (result i32)
    (i32.add (local.get $p) (i32.shl (global.get $h) (i32.const 3))))

  ;; Wait until no half is posted or running: a posted one nobody took (a "leave") is withdrawn.
  (func $settle
    (local $s i32)
    (loop $again
      (local.set $s (i32.atomic.load (global.get $ctl)))
      (if (i32.eq (local.get $s) (i32.const 1))
        (then (drop (i32.atomic.rmw.cmpxchg (global.get $ctl) (i32.const 1) (i32.const 0))) (br $again)))
      (br_if $again (i32.eq (local.get $s) (i32.const 2)))))

  ;; Op on rows [h, n), its vectors' addresses p1..p4 shifted by h rows: posted (state 1), or only written
  ;; down when the caller runs it alone (mode 2).
  (func $post (param $op i32) (param $a f64) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $p4 i32)
    (local $c i32)
    (call $settle)
    (local.set $c (global.get $ctl))
    (i32.store offset=4 (local.get $c) (local.get $op))
    (i32.store offset=8 (local.get $c) (i32.sub (global.get $n) (global.get $h)))
    (i32.store offset=12 (local.get $c) (call $half (local.get $p1)))
    (i32.store offset=16 (local.get $c) (call $half (local.get $p2)))
    (i32.store offset=20 (local.get $c) (call $half (local.get $p3)))
    (i32.store offset=60 (local.get $c) (call $half (local.get $p4)))
    (f64.store offset=24 (local.get $c) (local.get $a))
    (if (i32.eqz (local.get $op)) (then (call $publish) (return)))
    (i32.store offset=56 (local.get $c) (i32.add (i32.load offset=56 (local.get $c)) (i32.const 1)))
    (if (i32.ne (i32.load offset=44 (local.get $c)) (i32.const 2)) (then (call $publish))))

  ;; State "posted", and the helper woken if it sleeps.
  (func $publish
    (i32.atomic.store (global.get $ctl) (i32.const 1))
    (if (i32.atomic.load offset=48 (global.get $ctl)) (then (drop (memory.atomic.notify (global.get $ctl) (i32.const 1))))))

  ;; Run the written-down half and return its result (0 for axpy, waxpy); a curvature goes to word 72.
  (func $run (result f64)
    (local $c i32) (local $op i32) (local $m i32) (local $a f64) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $p4 i32)
    (local.set $c (global.get $ctl))
    (local.set $op (i32.load offset=4 (local.get $c)))
    (local.set $m (i32.load offset=8 (local.get $c)))
    (local.set $a (f64.load offset=24 (local.get $c)))
    (local.set $p1 (i32.load offset=12 (local.get $c)))
    (local.set $p2 (i32.load offset=16 (local.get $c)))
    (local.set $p3 (i32.load offset=20 (local.get $c)))
    (local.set $p4 (i32.load offset=60 (local.get $c)))
    (if (i32.eq (local.get $op) (i32.const 1)) (then (return (call $kdot (local.get $m) (local.get $p1) (local.get $p2)))))
    (if (i32.eq (local.get $op) (i32.const 2))
      (then (call $kaxpy (local.get $m) (local.get $a) (local.get $p1) (local.get $p2)) (return (f64.const 0))))
    (if (i32.eq (local.get $op) (i32.const 3))
      (then (return (call $kaxpydot (local.get $m) (local.get $a) (local.get $p1) (local.get $p2) (local.get $p3)))))
    (if (i32.eq (local.get $op) (i32.const 4)) (then (return (call $ksum (local.get $m) (local.get $p1)))))
    (if (i32.eq (local.get $op) (i32.const 5))
      (then (call $kwaxpy (local.get $m) (local.get $a) (local.get $p1) (local.get $p2) (local.get $p3)) (return (f64.const 0))))
    (if (i32.eq (local.get $op) (i32.const 6))
      (then (return (call $kwaxpydot (local.get $m) (local.get $a) (local.get $p1) (local.get $p2) (local.get $p3) (local.get $p4)))))
    (if (i32.eq (local.get $op) (i32.const 7))
      (then (return (call $kdotwsq (local.get $m) (local.get $p1) (local.get $p2) (local.get $p3) (i32.add (local.get $c) (i32.const 72))))))
    (call $kwaxpydotwsq (local.get $m) (local.get $a) (local.get $p1) (local.get $p2) (local.get $p3) (local.get $p4)
      (i32.add (local.get $c) (i32.const 72))))

  ;; The second half's result: run here when alone or still untaken (and taking is allowed), else the
  ;; helper's once done. A wait over 2^18 looks (a half takes µs; this, some 0.3 ms: a helper descheduled)
  ;; is counted (word 52) and, where the caller may take halves, the rest of the call runs alone.
  (func $finish (result f64)
    (local $c i32) (local $v f64) (local $looks i32)
    (local.set $c (global.get $ctl))
    (if (i32.eq (i32.load offset=44 (local.get $c)) (i32.const 2)) (then (return (call $run))))
    (if (i32.load offset=44 (local.get $c))
      (then
        (if (i32.eq (i32.atomic.rmw.cmpxchg (local.get $c) (i32.const 1) (i32.const 2)) (i32.const 1))
          (then
            (local.set $v (call $run))
            (i32.atomic.store (local.get $c) (i32.const 0))
            (return (local.get $v))))))
    (loop $wait
      (if (i32.ne (i32.atomic.load (local.get $c)) (i32.const 3))
        (then (local.set $looks (i32.add (local.get $looks) (i32.const 1))) (br $wait))))
    (if (i32.gt_u (local.get $looks) (i32.const 262144))
      (then
        (i32.store offset=52 (local.get $c) (i32.add (i32.load offset=52 (local.get $c)) (i32.const 1)))
        (if (i32.eq (i32.load offset=44 (local.get $c)) (i32.const 1)) (then (i32.store offset=44 (local.get $c) (i32.const 2))))))
    (f64.load offset=32 (local.get $c)))

  ;; out += the second half's curvature (after $finish): Σ over [0, h) then [h, n).
  (func $addwsq (param $out i32)
    (f64.store (local.get $out) (f64.add (f64.load (local.get $out)) (f64.load offset=72 (global.get $ctl)))))

  ;; Whether a call of n rows runs whole (any length but the split one's).
  (func $whole (param $n i32) (result i32)
    (i32.ne (local.get $n) (global.get $n)))

  ;; Σ x[i]·y[i]
  (func (export "dot") (param $n i32) (param $x i32) (param $y i32) (result f64)
    (local $s f64)
    (if (call $whole (local.get $n)) (then (return (call $kdot (local.get $n) (local.get $x) (local.get $y)))))
    (call $post (i32.const 1) (f64.const 0) (local.get $x) (local.get $y) (i32.const 0) (i32.const 0))
    (local.set $s (call $kdot (global.get $h) (local.get $x) (local.get $y)))
    (f64.add (local.get $s) (call $finish)))

  ;; y += a·x
  (func (export "axpy") (param $n i32) (param $a f64) (param $x i32) (param $y i32)
    (if (call $whole (local.get $n)) (then (return (call $kaxpy (local.get $n) (local.get $a) (local.get $x) (local.get $y)))))
    (call $post (i32.const 2) (local.get $a) (local.get $x) (local.get $y) (i32.const 0) (i32.const 0))
    (call $kaxpy (global.get $h) (local.get $a) (local.get $x) (local.get $y))
    (drop (call $finish)))

  ;; y += a·x, then Σ y[i]·z[i]
  (func (export "axpydot") (param $n i32) (param $a f64) (param $x i32) (param $y i32) (param $z i32) (result f64)
    (local $s f64)
    (if (call $whole (local.get $n))
      (then (return (call $kaxpydot (local.get $n) (local.get $a) (local.get $x) (local.get $y) (local.get $z)))))
    (call $post (i32.const 3) (local.get $a) (local.get $x) (local.get $y) (local.get $z) (i32.const 0))
    (local.set $s (call $kaxpydot (global.get $h) (local.get $a) (local.get $x) (local.get $y) (local.get $z)))
    (f64.add (local.get $s) (call $finish)))

  ;; Σ x[i]
  (func (export "sum") (param $n i32) (param $x i32) (result f64)
    (local $s f64)
    (if (call $whole (local.get $n)) (then (return (call $ksum (local.get $n) (local.get $x)))))
    (call $post (i32.const 4) (f64.const 0) (local.get $x) (i32.const 0) (i32.const 0) (i32.const 0))
    (local.set $s (call $ksum (global.get $h) (local.get $x)))
    (f64.add (local.get $s) (call $finish)))

  ;; r −= (a·v)·x
  (func (export "waxpy") (param $n i32) (param $a f64) (param $v i32) (param $x i32) (param $r i32)
    (if (call $whole (local.get $n))
      (then (return (call $kwaxpy (local.get $n) (local.get $a) (local.get $v) (local.get $x) (local.get $r)))))
    (call $post (i32.const 5) (local.get $a) (local.get $v) (local.get $x) (local.get $r) (i32.const 0))
    (call $kwaxpy (global.get $h) (local.get $a) (local.get $v) (local.get $x) (local.get $r))
    (drop (call $finish)))

  ;; r −= (a·v)·x, then Σ r[i]·z[i]
  (func (export "waxpydot") (param $n i32) (param $a f64) (param $v i32) (param $x i32) (param $r i32) (param $z i32) (result f64)
    (local $s f64)
    (if (call $whole (local.get $n))
      (then (return (call $kwaxpydot (local.get $n) (local.get $a) (local.get $v) (local.get $x) (local.get $r) (local.get $z)))))
    (call $post (i32.const 6) (local.get $a) (local.get $v) (local.get $x) (local.get $r) (local.get $z))
    (local.set $s (call $kwaxpydot (global.get $h) (local.get $a) (local.get $v) (local.get $x) (local.get $r) (local.get $z)))
    (f64.add (local.get $s) (call $finish)))

  ;; Σ r[i]·x[i], and Σ v[i]·x[i]² at out
  (func (export "dotwsq") (param $n i32) (param $r i32) (param $x i32) (param $v i32) (param $out i32) (result f64)
    (local $s f64)
    (if (call $whole (local.get $n))
      (then (return (call $kdotwsq (local.get $n) (local.get $r) (local.get $x) (local.get $v) (local.get $out)))))
    (call $post (i32.const 7) (f64.const 0) (local.get $r) (local.get $x) (local.get $v) (i32.const 0))
    (local.set $s (call $kdotwsq (global.get $h) (local.get $r) (local.get $x) (local.get $v) (local.get $out)))
    (local.set $s (f64.add (local.get $s) (call $finish)))
    (call $addwsq (local.get $out))
    (local.get $s))

  ;; r −= (a·v)·xp, then Σ r[i]·x[i] and Σ v[i]·x[i]² at out
  (func (export "waxpydotwsq") (param $n i32) (param $a f64) (param $v i32) (param $xp i32) (param $r i32) (param $x i32) (param $out i32) (result f64)
    (local $s f64)
    (if (call $whole (local.get $n))
      (then (return (call $kwaxpydotwsq (local.get $n) (local.get $a) (local.get $v) (local.get $xp) (local.get $r) (local.get $x) (local.get $out)))))
    (call $post (i32.const 8) (local.get $a) (local.get $v) (local.get $xp) (local.get $r) (local.get $x))
    (local.set $s (call $kwaxpydotwsq (global.get $h) (local.get $a) (local.get $v) (local.get $xp) (local.get $r) (local.get $x) (local.get $out)))
    (local.set $s (f64.add (local.get $s) (call $finish)))
    (call $addwsq (local.get $out))
    (local.get $s))

  ;; The end of a pass call (the helper's wake-up number `call`, kept at word 12 unshifted): the helper is
  ;; to leave serve (withdrawn by the next post if it never took it).
  (func (export "leave") (param $call i32)
    (call $post (i32.const 0) (f64.const 0) (i32.sub (local.get $call) (i32.shl (global.get $h) (i32.const 3)))
      (i32.const 0) (i32.const 0) (i32.const 0)))

  ;; The wake-up number of the last "leave" taken.
  (func (export "left") (result i32)
    (i32.load offset=12 (global.get $ctl)))

  ;; The helper's loop: take each posted half, run it, mark it done; return 1 at a "leave". After `spins`
  ;; looks in a row found nothing posted it sleeps on the state word (a post wakes it), 50 ms at a time,
  ;; and returns 0 after `naps` such sleeps found nothing (never spinning nor sleeping for ever).
  (func (export "serve") (param $spins i32) (param $naps i32) (result i32)
    (local $c i32) (local $idle i32) (local $slept i32) (local $s i32)
    (local.set $c (global.get $ctl))
    (loop $look
      (local.set $s (i32.atomic.load (local.get $c)))
      (if (i32.eq (local.get $s) (i32.const 1))
        (then
          (if (i32.eq (i32.atomic.rmw.cmpxchg (local.get $c) (i32.const 1) (i32.const 2)) (i32.const 1))
            (then
              (if (i32.eqz (i32.load offset=4 (local.get $c)))
                (then (i32.atomic.store (local.get $c) (i32.const 3)) (return (i32.const 1))))
              (f64.store offset=32 (local.get $c) (call $run))
              (i32.store offset=40 (local.get $c) (i32.add (i32.load offset=40 (local.get $c)) (i32.const 1)))
              (i32.atomic.store (local.get $c) (i32.const 3))))
          (local.set $idle (i32.const 0))
          (local.set $slept (i32.const 0))
          (br $look)))
      (local.set $idle (i32.add (local.get $idle) (i32.const 1)))
      (br_if $look (i32.lt_u (local.get $idle) (local.get $spins)))
      (br_if $look (call $nap (local.get $c) (local.get $s)))
      (local.set $slept (i32.add (local.get $slept) (i32.const 1)))
      (br_if $look (i32.lt_u (local.get $slept) (local.get $naps))))
    (i32.const 0))

  ;; Sleep until the state word leaves s (a post) or 50 ms pass, with the sleeping flag up; 1 when woken or the state had moved.
  (func $nap (param $c i32) (param $s i32) (result i32)
    (local $r i32)
    (i32.atomic.store offset=48 (local.get $c) (i32.const 1))
    (local.set $r (memory.atomic.wait32 (local.get $c) (local.get $s) (i64.const 50000000)))
    (i32.atomic.store offset=48 (local.get $c) (i32.const 0))
    (i32.ne (local.get $r) (i32.const 2)))
)
