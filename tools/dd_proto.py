"Prototype: 2-rank data-parallel minilearn fit == 1-process fit over the same global batches"
import os, sys, datetime, torch, torch.distributed as dist
from minilearn.all import *
from minilearn.learner import Callback

def shard(n, rank, world):
    "Rank `rank`'s slice of a batch of `n`: contiguous, the first n % world ranks one more"
    q, r = divmod(n, world)
    start = rank * q + min(rank, r)
    return start, start + q + (rank < r)

class GlobalBatches:
    "Wrap a loader of global batches: each rank keeps its slice (prototype of the fallback path)"
    def __init__(self, dl, rank, world): self.dl, self.rank, self.world = dl, rank, world
    def __len__(self): return len(self.dl)
    def __iter__(self):
        for xb, yb in self.dl:
            a, b = shard(len(yb), self.rank, self.world)
            yield xb[a:b], yb[a:b], len(yb)

class DistributedTrainer(Callback):
    order = -50   # before TrackResults (10) reads preds/loss, before MixedPrecisionCB (22) scales loss_grad
    def __init__(self, bucket_mb=1.): self.bucket_bytes = int(bucket_mb * 2**20)
    def before_fit(self):
        self.world, self.rank = dist.get_world_size(), dist.get_rank()
        self.params = [p for p in self.model.parameters() if p.requires_grad]
        self.ddp = isinstance(self.model, torch.nn.Module)
        if self.ddp:   # torch's own: broadcasts the weights, buckets and overlaps the all-reduce
            self.learner.model = torch.nn.parallel.DistributedDataParallel(self.model)
        else:
            for p in self.params: dist.broadcast(p.data, 0)   # the same start on every rank
        self._orig = self.dls.train, self.dls.valid
        self.dls.train = GlobalBatches(self.dls.train, self.rank, self.world)
        self.dls.valid = GlobalBatches(self.dls.valid, self.rank, self.world)
        # buckets in reverse order: the last layers' grads are ready first in backward
        self.buckets, cur, size = [], [], 0
        for p in reversed(self.params):
            cur.append(p); size += p.numel() * p.element_size()
            if size >= self.bucket_bytes: self.buckets.append(cur); cur, size = [], 0
        if cur: self.buckets.append(cur)
        self.of = {id(p): i for i, b in enumerate(self.buckets) for p in b}
        self.hooks = [] if self.ddp else [p.register_post_accumulate_grad_hook(self._ready)
                                          for p in self.params]
    def _ready(self, p):
        k = self.of[id(p)]
        self.pending[k] -= 1
        if self.pending[k] == 0:
            flat = torch.cat([q.grad.reshape(-1) for q in self.buckets[k]])
            self.works.append((k, flat, dist.all_reduce(flat, async_op=True)))
    def before_batch(self):
        xb, yb, self.n_global = self.batch
        self.learner.batch = (xb, yb)
        self.pending, self.works = [len(b) for b in self.buckets], []
    def after_loss(self):
        self.local_loss, self.n_local = self.loss, len(self.batch[1])
        preds, yb = self._gather(self.preds.detach()), self._gather(self.batch[1])
        self.learner.preds, self.learner.batch = preds, (self.batch[0], yb)
        self.learner.loss = self.loss_func(preds, yb)   # the global batch's loss, on every rank
    def before_backward(self):
        # mean over the global batch = sum over ranks of (n_local / n_global) * local mean
        self.learner.loss_grad = self.local_loss * (self.n_local * self.world / self.n_global)
    def before_step(self):
        for k, flat, w in self.works:
            w.wait(); flat /= self.world
            i = 0
            for q in self.buckets[k]:
                q.grad.copy_(flat[i:i + q.numel()].view_as(q.grad)); i += q.numel()
    def _gather(self, t):
        n = torch.tensor([len(t)]); ns = [torch.zeros_like(n) for _ in range(self.world)]
        dist.all_gather(ns, n); m = int(max(ns))
        pad = torch.zeros((m, *t.shape[1:]), dtype=t.dtype); pad[:len(t)] = t
        out = [torch.zeros_like(pad) for _ in range(self.world)]
        dist.all_gather(out, pad)
        return torch.cat([o[:int(k)] for o, k in zip(out, ns)])
    def after_fit(self):
        for h in self.hooks: h.remove()
        if self.ddp: self.learner.model = self.model.module
        self.dls.train, self.dls.valid = self._orig

TORCH = os.environ.get('TORCHNET') == '1'
def make(seed=0):
    torch.manual_seed(seed)
    x, y = torch.randn(203, 4), torch.randint(0, 3, (203,))
    xv, yv = torch.randn(61, 4), torch.randint(0, 3, (61,))
    dls = DataLoaders(DataLoader(list(zip(x, y)), bs=16, shuffle=True, seed=1, n_workers=0),
                      DataLoader(list(zip(xv, yv)), bs=32, n_workers=0, seed=1))
    torch.manual_seed(1)
    if TORCH:
        model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3))
        opt = partial(torch.optim.AdamW, weight_decay=0.01)
    else: model, opt = Sequential(Linear(4, 8), Linear(8, 3)), partial(SGD, mom=0.9)
    return Learner(model, dls, cross_entropy, 0.01 if TORCH else 0.1, opt_func=opt,
                   cbs=[TrackResults(show=False)], progress=False)

if __name__ == '__main__':
    from functools import partial
    globals()['partial'] = partial
    if os.environ.get('RANK') is None:
        learn = make(); learn.fit(3)
        torch.save({'w': [p.detach() for p in learn.model.parameters()], 'rows': learn.recorder.rows}, sys.argv[1])
    else:
        dist.init_process_group('gloo', timeout=datetime.timedelta(seconds=20))
        learn = make()
        if dist.get_rank() == 1:   # a different init on rank 1: the broadcast must fix it
            with torch.no_grad():
                for p in learn.model.parameters(): p.add_(1.)
        learn.fit(3, cbs=[DistributedTrainer()])
        if dist.get_rank() == 0:
            torch.save({'w': [p.detach() for p in learn.model.parameters()], 'rows': learn.recorder.rows}, sys.argv[1])
        dist.barrier(); dist.destroy_process_group()
