;; The gaussian naive passes split by rows across two threads (../row-split.ts; built by scripts/build-wasm.mjs,
;; on a shared memory only). epoch.wat imports the kernels dot, axpy and axpydot; an instance of the passes
;; importing these instead runs every call n rows long (n set by setup) as two halves: rows [0, h) in the
;; calling thread, rows [h, n) posted to a helper thread looping in `serve`. The caller takes the posted
;; half itself when the helper has not claimed it by the time its own half is done (a helper descheduled,
;; or not started yet, costs its half and no wait); else it spins until the helper's result is there.
;; A split dot is dot(first half) + dot(second half), in that order, whichever thread ran each half:
;; the same bits with or without the helper. Calls of any other length run whole, as the kernels do.
;;
;; The control block at $ctl (setup; i32s, and f64s at 24 and 32):
;;   0 state: 0 idle, 1 posted, 2 taken, 3 done      4 op: 0 leave serve, 1 dot, 2 axpy, 3 axpydot
;;   8 rows of the half   12 x   16 y   20 z (byte addresses, shifted to the half)   24 a
;;   32 the half's result   40 halves the helper ran   44 1: the caller may take a posted half
;;   48 1 while the helper sleeps (memory.atomic.wait32 on the state): a post then wakes it
;;   52 waits for a taken half that lasted over 2^18 looks (a helper descheduled mid-half)   56 n-row calls
;; 44 = 2 ("alone"): the caller runs both halves itself, posting nothing: the same bits, no helper
;; (row-split.ts does so where that has been faster lately: a machine whose cores are busy).
(module
  (import "env" "memory" (memory 1 65536 shared))
  (import "kernels" "dot" (func $kdot (param i32 i32 i32) (result f64)))
  (import "kernels" "axpy" (func $kaxpy (param i32 f64 i32 i32)))
  (import "kernels" "axpydot" (func $kaxpydot (param i32 f64 i32 i32 i32) (result f64)))
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

  ;; Post op on rows [h, n): its arguments shifted by h rows, then the state "posted".
  (func $post (param $op i32) (param $a f64) (param $x i32) (param $y i32) (param $z i32)
    (local $c i32) (local $off i32)
    (call $settle)
    (local.set $c (global.get $ctl))
    (local.set $off (i32.shl (global.get $h) (i32.const 3)))
    (i32.store offset=4 (local.get $c) (local.get $op))
    (i32.store offset=8 (local.get $c) (i32.sub (global.get $n) (global.get $h)))
    (i32.store offset=12 (local.get $c) (i32.add (local.get $x) (local.get $off)))
    (i32.store offset=16 (local.get $c) (i32.add (local.get $y) (local.get $off)))
    (i32.store offset=20 (local.get $c) (i32.add (local.get $z) (local.get $off)))
    (f64.store offset=24 (local.get $c) (local.get $a))
    (i32.atomic.store (local.get $c) (i32.const 1))
    (if (i32.atomic.load offset=48 (local.get $c)) (then (drop (memory.atomic.notify (local.get $c) (i32.const 1))))))

  ;; Run the posted half (taken: state 2) and return its result (0 for axpy).
  (func $run (result f64)
    (local $c i32) (local $op i32)
    (local.set $c (global.get $ctl))
    (local.set $op (i32.load offset=4 (local.get $c)))
    (if (i32.eq (local.get $op) (i32.const 1))
      (then (return (call $kdot (i32.load offset=8 (local.get $c)) (i32.load offset=12 (local.get $c)) (i32.load offset=16 (local.get $c))))))
    (if (i32.eq (local.get $op) (i32.const 2))
      (then
        (call $kaxpy (i32.load offset=8 (local.get $c)) (f64.load offset=24 (local.get $c))
          (i32.load offset=12 (local.get $c)) (i32.load offset=16 (local.get $c)))
        (return (f64.const 0))))
    (call $kaxpydot (i32.load offset=8 (local.get $c)) (f64.load offset=24 (local.get $c))
      (i32.load offset=12 (local.get $c)) (i32.load offset=16 (local.get $c)) (i32.load offset=20 (local.get $c))))

  ;; An n-row call counted (word 56), and whether the caller runs both halves itself (word 44 = 2).
  (func $alone (result i32)
    (i32.store offset=56 (global.get $ctl) (i32.add (i32.load offset=56 (global.get $ctl)) (i32.const 1)))
    (i32.eq (i32.load offset=44 (global.get $ctl)) (i32.const 2)))

  ;; The posted half's result: run here if still untaken (and taking is allowed), else the helper's once
  ;; done. A wait over 2^18 looks (a half takes µs; this, some 0.3 ms: a helper descheduled) is counted (word 52)
  ;; and, where the caller may take halves, the rest of the call runs alone.
  (func $finish (result f64)
    (local $c i32) (local $v f64) (local $looks i32)
    (local.set $c (global.get $ctl))
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

  ;; Σ x[i]·y[i], by halves when n rows long.
  (func (export "dot") (param $n i32) (param $x i32) (param $y i32) (result f64)
    (local $s f64)
    (if (i32.ne (local.get $n) (global.get $n)) (then (return (call $kdot (local.get $n) (local.get $x) (local.get $y)))))
    (if (call $alone)
      (then (return (f64.add (call $kdot (global.get $h) (local.get $x) (local.get $y))
        (call $kdot (i32.sub (local.get $n) (global.get $h)) (call $half (local.get $x)) (call $half (local.get $y)))))))
    (call $post (i32.const 1) (f64.const 0) (local.get $x) (local.get $y) (i32.const 0))
    (local.set $s (call $kdot (global.get $h) (local.get $x) (local.get $y)))
    (f64.add (local.get $s) (call $finish)))

  ;; y += a·x, by halves when n rows long.
  (func (export "axpy") (param $n i32) (param $a f64) (param $x i32) (param $y i32)
    (if (i32.ne (local.get $n) (global.get $n)) (then (return (call $kaxpy (local.get $n) (local.get $a) (local.get $x) (local.get $y)))))
    (if (call $alone)
      (then
        (call $kaxpy (global.get $h) (local.get $a) (local.get $x) (local.get $y))
        (return (call $kaxpy (i32.sub (local.get $n) (global.get $h)) (local.get $a) (call $half (local.get $x)) (call $half (local.get $y))))))
    (call $post (i32.const 2) (local.get $a) (local.get $x) (local.get $y) (i32.const 0))
    (call $kaxpy (global.get $h) (local.get $a) (local.get $x) (local.get $y))
    (drop (call $finish)))

  ;; y += a·x, then Σ y[i]·z[i], by halves when n rows long.
  (func (export "axpydot") (param $n i32) (param $a f64) (param $x i32) (param $y i32) (param $z i32) (result f64)
    (local $s f64)
    (if (i32.ne (local.get $n) (global.get $n))
      (then (return (call $kaxpydot (local.get $n) (local.get $a) (local.get $x) (local.get $y) (local.get $z)))))
    (if (call $alone)
      (then (return (f64.add (call $kaxpydot (global.get $h) (local.get $a) (local.get $x) (local.get $y) (local.get $z))
        (call $kaxpydot (i32.sub (local.get $n) (global.get $h)) (local.get $a)
          (call $half (local.get $x)) (call $half (local.get $y)) (call $half (local.get $z)))))))
    (call $post (i32.const 3) (local.get $a) (local.get $x) (local.get $y) (local.get $z))
    (local.set $s (call $kaxpydot (global.get $h) (local.get $a) (local.get $x) (local.get $y) (local.get $z)))
    (f64.add (local.get $s) (call $finish)))

  ;; The end of a pass call (the helper's wake-up number `call`): the helper is to leave serve (withdrawn
  ;; by the next post if it never took it).
  (func (export "leave") (param $call i32)
    (call $post (i32.const 0) (f64.const 0) (i32.sub (local.get $call) (i32.shl (global.get $h) (i32.const 3))) (i32.const 0) (i32.const 0)))

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
