#!/usr/bin/env python3
"""Draws the namespace dependency graph of the core (src/XenBundle) from its sources.

Usage: python3 eng/namespace-graph.py [SRC_DIR] [--dot]
Prints one line per namespace with the namespaces it uses, then the cycles (strongly
connected components); with --dot, a Graphviz graph instead (dot -Tsvg > graph.svg).
It reads `using` directives, qualified names and types of parent namespaces; the IL-based
check that the layers hold is tests/XenBundle.Tests/ArchitectureTests.cs.
"""
import os,re,sys,collections
args=[a for a in sys.argv[1:] if a!='--dot']
root=args[0] if args else 'src/XenBundle'
dot='--dot' in sys.argv
ns_of={}; edges=collections.defaultdict(set)
files=[]
for d,_,fs in os.walk(root):
    if '/obj' in d or '/bin' in d: continue
    for f in fs:
        if f.endswith('.cs'): files.append(os.path.join(d,f))
types={}
for p in files:
    s=open(p).read()
    m=re.search(r'^namespace ([\w.]+)',s,re.M)
    if not m: continue
    ns=m.group(1); ns_of[p]=ns
    for t in re.findall(r"^\s*(?:public|internal)[\w ]*?\b(?:class|record|struct|interface|enum)\s+(\w+)",re.sub(r"//.*","",s),re.M):
        types.setdefault(t,set()).add(ns)
known=set(ns_of.values())
def scopes(ns):
    parts=ns.split('.')
    return ['.'.join(parts[:k]) for k in range(len(parts),0,-1)]+['']
def resolve(chain, ns):
    """The namespace a dotted name starts with, resolved as C# does from inside ns."""
    parts=chain.split('.')
    for k in range(len(parts)-1,0,-1):
        prefix='.'.join(parts[:k])
        for scope in scopes(ns):
            cand=(scope+'.'+prefix) if scope else prefix
            if cand in known:
                return cand
    return None
for p,ns in ns_of.items():
    s=open(p).read()
    body=re.sub(r'//.*','',s)
    body=re.sub(r'@?\$?"(?:\\.|[^"\\\n])*"','""',body)
    for u in re.findall(r'^using ([\w.]+);',s,re.M):
        if u in known and u!=ns: edges[ns].add(u)
    for chain in re.findall(r'(?<![\w.])((?:[A-Z]\w*)(?:\.[A-Z]\w*)+)',body):
        target=resolve(chain, ns)
        if target and target!=ns and not ns.startswith(target+'.'):
            edges[ns].add(target)
    # types of parent namespaces are visible without a using
    par=ns
    while '.' in par:
        par=par.rsplit('.',1)[0]
        for t,nss in types.items():
            if par in nss and re.search(r'\b'+t+r'\b',body): edges[ns].add(par)
if dot:
    print('digraph namespaces {')
    for a in sorted(edges):
        for b in sorted(edges[a]):
            print(f'  "{a}" -> "{b}";')
    print('}')
    sys.exit(0)
for a in sorted(edges):
    print(a,'->',', '.join(sorted(edges[a])))
# SCCs
idx={};low={};st=[];on=set();sccs=[];c=[0]
def sc(v):
    idx[v]=low[v]=c[0];c[0]+=1;st.append(v);on.add(v)
    for w in edges.get(v,()):
        if w not in idx: sc(w);low[v]=min(low[v],low[w])
        elif w in on: low[v]=min(low[v],idx[w])
    if low[v]==idx[v]:
        comp=[]
        while True:
            w=st.pop();on.discard(w);comp.append(w)
            if w==v:break
        if len(comp)>1:sccs.append(comp)
sys.setrecursionlimit(10000)
for v in list(set(ns_of.values())):
    if v not in idx: sc(v)
print('CYCLES:',sccs)
