import json
git=json.load(open('apivers.json'))
def norm(l):
    if l is None: return None
    return sorted({ {'ZK_BROKER':'zkBroker','BROKER':'broker','CONTROLLER':'controller'}.get(x,x) for x in l})
rel={}
for m,v in git.items():
    if m=='3.9': continue
    rel[m]={int(k):(x['max'],norm(x['listeners'])) for k,x in v.items()}
for m,f in (('3.9','jar39.json'),('4.0','jar40.json'),('4.1','jar4.json')):
    rel[m]={int(k):(x['max'],norm(x['listeners'])) for k,x in json.load(open(f)).items()}
INTER={4,5,6,7,27}
def keyf(m): return [int(x) for x in m.split('.')]
lines=[]
for m in sorted(rel,key=keyf):
    t={k:mx for k,(mx,l) in rel[m].items() if k not in INTER and mx>=0 and (l is None or 'zkBroker' in l or 'broker' in l)}
    body=', '.join(f'{k}: {t[k]}' for k in sorted(t))
    lines.append(f"  ['{m}', {{ {body} }}],")
open('table.ts','w').write('\n'.join(lines)+'\n')
print(len(lines))
