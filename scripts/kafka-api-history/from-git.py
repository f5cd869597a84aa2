import subprocess, re, json, sys
import os
R=os.environ.get('KAFKA_REPO') or sys.exit('set KAFKA_REPO to a clone of apache/kafka with its release tags and the 3.9 branch')
def git(*a): return subprocess.run(['git','-C',R]+list(a),capture_output=True,text=True).stdout
tags=[t for t in git('tag').split() if re.fullmatch(r'\d+\.\d+\.\d+(\.\d+)?',t)]
def minor(t):
    p=t.split('.'); return '.'.join(p[:3]) if p[0]=='0' else '.'.join(p[:2])
last={}
def key(t): return [int(x) for x in t.split('.')]
for t in sorted(tags,key=key): last[minor(t)]=t
refs=[(m,last[m]) for m in sorted(last,key=key) if key(m)>=[0,10]]
refs.append(('3.9','3.9'))
out={}
for m,ref in refs:
    vers={}
    files=git('ls-tree','--name-only',ref,'clients/src/main/resources/common/message/').split()
    reqs=[f for f in files if f.endswith('Request.json')]
    if reqs:
        for f in reqs:
            txt=git('show',f'{ref}:{f}')
            txt='\n'.join(re.sub(r'^\s*//.*$','',l) for l in txt.split('\n'))
            try: j=json.JSONDecoder().raw_decode(txt.strip())[0]
            except Exception as e: print('bad',ref,f,e,file=sys.stderr); continue
            if j.get('type')!='request': continue
            vv=j['validVersions']; hi=int(vv.split('-')[-1])
            if j.get('latestVersionUnstable'): hi-=1
            lis=j.get('listeners')
            vers[j['apiKey']]={'max':hi,'listeners':lis}
    else:
        ak=git('show',f'{ref}:clients/src/main/java/org/apache/kafka/common/protocol/ApiKeys.java')
        if 'schemaVersions()' in ak:
            for name,id_,cls in re.findall(r'\n\s+([A-Z_]+)\((\d+),\s*"\w+",[^;]*?(\w+)Request\.schemaVersions\(\)',ak):
                src=git('show',f'{ref}:clients/src/main/java/org/apache/kafka/common/requests/{cls}Request.java')
                mm=re.search(r'schemaVersions\(\)\s*\{\s*return new Schema\[\]\s*\{([^}]*)\}',src)
                if not mm: print('noschema',ref,cls,file=sys.stderr); continue
                n=len([x for x in mm.group(1).split(',') if x.strip()])
                vers[int(id_)]={'max':n-1,'listeners':None}
        else:
            pr=git('show',f'{ref}:clients/src/main/java/org/apache/kafka/common/protocol/Protocol.java')
            for name,id_ in re.findall(r'\n\s+([A-Z_]+)\((\d+),\s*"\w+"',ak):
                mm=None
                for nm in (name, name.rstrip('S'), name.replace('_KEY','')):
                    mm=mm or re.search(r'Schema\[\]\s+'+nm+r'_REQUEST\s*=\s*(?:new Schema\[\]\s*)?\{([^}]*)\}',pr)
                if not mm: print('noproto',ref,name,file=sys.stderr); continue
                n=len([x for x in mm.group(1).split(',') if x.strip()])
                vers[int(id_)]={'max':n-1,'listeners':None}
    out[m]=vers
json.dump(out,open('apivers.json','w'),indent=0)
for m in out: print(m, len(out[m]), {k:out[m][k]['max'] for k in sorted(out[m]) if k in (0,1,2,3,18,35,50)})
