"""Build minilearn's embedded dataset: a seeded Fashion-MNIST subset in the Imagenette layout.

Reads the four IDX files of Debian's `dataset-fashion-mnist` package and writes
`minilearn/assets/fashion_mnist_tiny.tgz` with `train/<class>/*.png` (from the training set) and
`val/<class>/*.png` (from the test set). The archive is byte-for-byte reproducible (sorted
members, zeroed owners and times), so its size and sha256 can be recorded in `minilearn.external`.

Usage: python tools/make_embedded_dataset.py [--src DIR] [--n-train 100] [--n-valid 50]
"""
import argparse, gzip, hashlib, io, random, struct, tarfile
from pathlib import Path
from PIL import Image

CLASSES = ['t_shirt', 'trouser', 'pullover', 'dress', 'coat',
           'sandal', 'shirt', 'sneaker', 'bag', 'ankle_boot']
NAME = 'fashion_mnist_tiny'


def read_idx(path):
    "Return (dims, raw bytes) of a gzipped IDX file."
    with gzip.open(path, 'rb') as f: data = f.read()
    ndim = data[3]
    dims = struct.unpack('>' + 'I' * ndim, data[4:4 + 4 * ndim])
    return dims, data[4 + 4 * ndim:]


def pick(labels, n_per_class, seed):
    "Seeded choice of `n_per_class` indices for each class, sorted for a stable archive."
    rng = random.Random(seed)
    by_class = {c: [] for c in range(len(CLASSES))}
    for i, lbl in enumerate(labels): by_class[lbl].append(i)
    return {c: sorted(rng.sample(idxs, n_per_class)) for c, idxs in by_class.items()}


def png_bytes(pixels):
    "28x28 grayscale PNG of raw pixel bytes."
    buf = io.BytesIO()
    Image.frombytes('L', (28, 28), pixels).save(buf, format='PNG', optimize=True)
    return buf.getvalue()


def add_split(tar, src, prefix, split, n_per_class, seed):
    (n, h, w), pixels = read_idx(src / f'{prefix}-images-idx3-ubyte.gz')
    _, labels = read_idx(src / f'{prefix}-labels-idx1-ubyte.gz')
    for c, idxs in pick(labels, n_per_class, seed).items():
        for i in idxs:
            data = png_bytes(pixels[i * h * w:(i + 1) * h * w])
            info = tarfile.TarInfo(f'{NAME}/{split}/{CLASSES[c]}/{prefix}_{i:05d}.png')
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            tar.addfile(info, io.BytesIO(data))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--src', default='/usr/share/datasets/fashion-mnist', type=Path)
    p.add_argument('--dest', default=Path(__file__).parent.parent/'minilearn'/'assets', type=Path)
    p.add_argument('--n-train', default=100, type=int)
    p.add_argument('--n-valid', default=50, type=int)
    p.add_argument('--seed', default=42, type=int)
    a = p.parse_args()
    a.dest.mkdir(parents=True, exist_ok=True)
    out = a.dest / f'{NAME}.tgz'
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode='w', format=tarfile.USTAR_FORMAT) as tar:
        add_split(tar, a.src, 'train', 'train', a.n_train, a.seed)
        add_split(tar, a.src, 't10k', 'val', a.n_valid, a.seed)
    with open(out, 'wb') as f, gzip.GzipFile(fileobj=f, mode='wb', mtime=0, filename='') as gz:
        gz.write(raw.getvalue())
    data = out.read_bytes()
    print(f'{out}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}')


if __name__ == '__main__': main()
