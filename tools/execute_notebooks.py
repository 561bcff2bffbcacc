"""Run notebooks in place and save their outputs, as `nbdev_test` runs them.

Cells carrying a test flag (`#| slow`, `#| cuda`) run only when the flag is given; a skipped
cell keeps the outputs it has, so a notebook's saved figures from a slow run survive a quick
rerun of the rest. Progress bars are off (`MINILEARN_QUIET=1`). Run `nbdev_clean` afterwards.

Usage: python tools/execute_notebooks.py nbs/06_train.ipynb [...] [--flags slow]
"""
import argparse, os, re
from pathlib import Path

from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell

FLAGS = ('slow', 'cuda')


def skip(cell, flags):
    "Whether `cell` is markdown, `eval: false`, or carries a test flag not in `flags`"
    if cell.cell_type != 'code': return True
    directives = re.findall(r'^#\|\s*(.+)$', cell.source, re.M)
    words = {w for d in directives for w in d.split()}
    if 'eval:' in words and 'false' in words: return True
    return any(f in words and f not in flags for f in FLAGS)


def execute(fn, flags):
    "Run the cells of notebook `fn` that `skip` allows, in its folder; save it with outputs"
    fn = Path(fn).resolve()
    nb = read_nb(fn)
    shell = CaptureShell()
    shell._fname = fn
    shell.set_path(fn.parent)
    cwd = os.getcwd()
    os.chdir(fn.parent)
    try:
        for cell in nb.cells:
            if skip(cell, flags): continue
            shell.cell(cell)
            if shell.exc: raise RuntimeError(f'{fn.name}: cell {cell.idx_} failed') from shell.exc
    finally: os.chdir(cwd)
    write_nb(nb, fn)


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('notebooks', nargs='+')
    p.add_argument('--flags', nargs='*', default=[], choices=FLAGS)
    a = p.parse_args()
    os.environ['MINILEARN_QUIET'] = '1'
    for fn in a.notebooks:
        execute(fn, set(a.flags))
        print('executed', fn)
