"""Experiment (not part of kg): does a learned sequence labeller add names the
rules miss?  A character CRF (python-crfsuite: characters, character bigrams,
the jieba word each character is in, its position and POS tag) is trained
and scored by 5-fold cross-validation *by article on the dev split only*
(the test split is never read), alone and added to kg's own names (only
CRF spans no kg name overlaps; also with the CRF's marginal confidence
thresholded).

Scoring is per article, by (name, class) against the gold names and aliases
(kg's side: its mentions' canonical names), which is close to but not the
same as ``kg eval``'s entity matching.

    .venv/bin/pip install python-crfsuite
    .venv/bin/python scripts/experiments/crf_cv.py

Session 7, 45 dev articles: kg P 0.711 R 0.644 F1 0.676; CRF alone P 0.576
R 0.422 F1 0.487; kg + CRF F1 0.670 (R +0.029, P -0.044); with the CRF's
spans kept at marginal >= 0.7 / 0.8 / 0.9 / 0.95: 0.675 / 0.675 / 0.676 /
0.677.  Not shipped: on ~900 gold names it finds nothing the rules lack.
"""
import collections
import random
import sys
from pathlib import Path

import pycrfsuite

ROOT0 = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT0))
from kg.evaluate import load_split, load_gold_folder
from kg.article import load_article
from kg.pipeline import run_article, Context, ARTICLE_STAGES
from kg.knowledge import load_knowledge
from kg.extract.lexical import tagger

ROOT = ROOT0 / 'tests'
k = load_knowledge()
tg = tagger(k)
dev = load_split(ROOT / 'gold/real')['dev']
gold = load_gold_folder(ROOT / 'gold/real', set(dev))

def feats(s, pairs):
    pos = []
    for w, t in pairs:
        for i, c in enumerate(w):
            bmes = 'S' if len(w) == 1 else ('B' if i == 0 else ('E' if i == len(w) - 1 else 'M'))
            pos.append((bmes, t, w))
    X = []
    for i, c in enumerate(s):
        b, t, w = pos[i]
        f = ['bias', 'c=' + c, 'wp=' + b, 't=' + t, 'tb=' + t + b, 'len=' + str(min(len(w), 5))]
        for d in (-2, -1, 1, 2):
            j = i + d
            f.append(f'c{d}=' + (s[j] if 0 <= j < len(s) else '#'))
            if 0 <= j < len(s):
                f.append(f't{d}=' + pos[j][1] + pos[j][0])
        f.append('b-1=' + (s[i-1:i+1] if i else '#' + c))
        f.append('b+1=' + s[i:i+2])
        if len(w) >= 2 and b in 'BS':
            f.append('w=' + w)
        if b == 'E' or b == 'S':
            f.append('wend=' + w[-1])
        X.append(f)
    return X

def label(s, names):
    y = ['O'] * len(s)
    for name, typ in sorted(names, key=lambda x: -len(x[0])):
        st = 0
        while True:
            i = s.find(name, st)
            if i < 0: break
            if all(v == 'O' for v in y[i:i+len(name)]):
                y[i] = 'B-' + typ
                for j in range(i+1, i+len(name)): y[j] = 'I-' + typ
            st = i + 1
    return y

def spans(s, y):
    out = []; i = 0
    while i < len(s):
        if y[i].startswith('B-'):
            typ = y[i][2:]; j = i + 1
            while j < len(s) and y[j] == 'I-' + typ: j += 1
            out.append((s[i:j], typ)); i = j
        else: i += 1
    return out

ctx = Context(k)
data = {}
for stem in dev:
    art = run_article(load_article(ROOT / 'corpus/real' / f'{stem}.txt'), ctx, ARTICLE_STAGES)
    names = {(g['name'], g['type']) for g in gold[stem]['entity']}
    names |= {(a, g['type']) for g in gold[stem]['entity'] for a in g['aliases']}
    seqs = []
    for sn in art.sentences:
        s = sn.text
        if not s.strip(): continue
        seqs.append((s, feats(s, tg.tag(s)), label(s, names)))
    # kg's own (label, type) per article, aliases too
    mine = set()
    for m in art.mentions:
        if not m.coref:
            mine.add((m.name, m.type))
    data[stem] = (seqs, mine, names)

stems = sorted(data); random.Random(7).shuffle(stems)
folds = [stems[i::5] for i in range(5)]
import tempfile
tmp = tempfile.mkdtemp(prefix='crf-cv-')
tot = collections.Counter()
for fi, held in enumerate(folds):
    tr = pycrfsuite.Trainer(verbose=False)
    for st in stems:
        if st in held: continue
        for s, X, y in data[st][0]: tr.append(X, y)
    tr.set_params({'c1': 0.05, 'c2': 0.05, 'max_iterations': 150, 'feature.possible_transitions': True})
    tr.train(str(Path(tmp) / f'crf_f{fi}.model'))
    tagr = pycrfsuite.Tagger(); tagr.open(str(Path(tmp) / f'crf_f{fi}.model'))
    for st in held:
        seqs, mine, names = data[st]
        gnames = {(g['name'], g['type']) for g in gold[st]['entity']}
        galias = {g['name']: {g['name'], *g['aliases']} for g in gold[st]['entity']}
        crf = set(); conf = {}
        for s, X, y in seqs:
            yy = tagr.tag(X)
            tagr.set(X)
            i = 0
            while i < len(s):
                if yy[i].startswith('B-'):
                    typ = yy[i][2:]; j = i + 1
                    while j < len(s) and yy[j] == 'I-' + typ: j += 1
                    c = min(tagr.marginal(yy[q], q) for q in range(i, j))
                    key = (s[i:j], typ); crf.add(key); conf[key] = max(conf.get(key, 0), c); i = j
                else: i += 1
        def score(pred, tag):
            hit = set()
            tp = 0
            for n, t in pred:
                ok = [g for g in gnames if g[1] == t and n in galias[g[0]]]
                if ok: tp += 1; hit |= set(ok)
            tot[tag + '_tp'] += tp; tot[tag + '_fp'] += len(pred) - tp; tot[tag + '_fn'] += len(gnames - hit)
        score(crf, 'crf'); score(mine, 'kg')
        mine_names = {n for n, _ in mine}
        add = {(n, t) for n, t in crf if not any(n in m or m in n for m in mine_names)}
        score(mine | add, 'union')
        for th in (0.7, 0.8, 0.9, 0.95):
            score(mine | {a for a in add if conf[a] >= th}, f'union{th}')
for tag in ('kg', 'crf', 'union', 'union0.7', 'union0.8', 'union0.9', 'union0.95'):
    tp, fp, fn = tot[tag+'_tp'], tot[tag+'_fp'], tot[tag+'_fn']
    p = tp/(tp+fp) if tp+fp else 0; r = tp/(tp+fn) if tp+fn else 0
    print(tag, 'P %.3f R %.3f F1 %.3f' % (p, r, 2*p*r/(p+r) if p+r else 0), tp, fp, fn)
