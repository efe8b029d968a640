#!/usr/bin/env python3
"""Tiny stand-in for the GraalVM 'native-image' driver: translates the common driver flags
into NativeImageGeneratorRunner (-H:) options and launches runner.sh. Proof of concept only."""
import os, re, sys, shlex, subprocess, uuid, zipfile
NI = os.environ.get('NI') or os.path.dirname(os.path.realpath(__file__)); GVM = NI + '/gvm'; CL = GVM + '/lib/svm/clibraries'; D = GVM + '/lib/svm/dynjdk'
def translate(args, jopts, hopts, st, origin_jar=None):
    it = iter(args)
    for a in it:
        if a.startswith('-J'): jopts.append(a[2:])
        elif a.startswith('-H:') or a.startswith('-R:'): hopts.append(a)
        elif a.startswith('--features='): hopts.append('-H:Features=' + a.split('=', 1)[1])
        elif a == '--no-fallback': hopts.append('-H:FallbackThreshold=0')
        elif a == '--link-at-build-time': hopts.append('-H:LinkAtBuildTime=')
        elif a.startswith('--link-at-build-time='): hopts.append('-H:LinkAtBuildTime=' + a.split('=', 1)[1])
        elif a.startswith('--enable-url-protocols='): hopts.append('-H:EnableURLProtocols=' + a.split('=', 1)[1])
        elif a.startswith('--enable-monitoring'): hopts.append('-H:EnableMonitoringFeatures=' + (a.split('=', 1)[1] if '=' in a else 'all'))
        elif a.startswith('--enable-native-access='): hopts.append('-H:EnableNativeAccess=' + a.split('=', 1)[1])
        elif a.startswith('--initialize-at-build-time'):
            v = a.split('=', 1)[1] if '=' in a else ''
            for c in (v.split(',') if v else ['']): hopts.append('-H:ClassInitialization=' + c + ':build_time')
        elif a.startswith('--initialize-at-run-time='):
            for c in a.split('=', 1)[1].split(','):
                if c: hopts.append('-H:ClassInitialization=' + c + ':run_time')
        elif a.startswith('--add-exports') or a.startswith('--add-opens') or a.startswith('--add-reads'):
            v = a.split('=', 1)[1] if '=' in a else next(it); jopts.append(a.split('=')[0] + '=' + v)
        elif a.startswith('--enable-http') or a.startswith('--enable-https'): hopts.append('-H:EnableURLProtocols=' + a[len('--enable-'):])
        elif a == '--exclude-config': st['exclude'].append((next(it), next(it)))
        elif a == '-o': st['name'] = next(it)
        elif a == '-jar': st['jar'] = next(it)
        elif a in ('-cp', '-classpath', '--class-path'): st['cp'] += next(it).split(':')
        elif a.startswith('--report-unsupported-elements-at-runtime') or a.startswith('--allow-incomplete-classpath') or a in ('--verbose', '--no-server', '--enable-all-security-services'): pass
        elif a.startswith('-march='): hopts.append('-H:March=' + a.split('=', 1)[1])
        elif a.startswith('-O'): hopts.append('-H:Optimize=' + a[2:])
        elif a.startswith('--'): print('mini-driver: ignoring unsupported option ' + a + (' from ' + origin_jar if origin_jar else ''), file=sys.stderr)
        elif not a.startswith('-') and origin_jar is None: st.setdefault('pos', []).append(a)
        else: print('mini-driver: ignoring ' + a, file=sys.stderr)
def main():
    argv = sys.argv[1:]
    if argv and argv[0] in ('--version', '-version'):
        print('native-image 25.0.4 2026-07-15\nGraalVM Runtime Environment GraalVM CE 25.0.4+7.1 (build 25.0.4+7-jvmci-b01)\nSubstrate VM GraalVM CE 25.0.4+7.1 (build 25.0.4+7, serial gc)'); return 0
    expanded = []
    for a in argv:
        if a.startswith('@'): expanded += shlex.split(open(a[1:]).read())
        else: expanded.append(a)
    jopts, hopts, st = ['-Dorg.graalvm.vendorversion=GraalVM CE 25.0.4+7.1'], [], {'cp': [], 'exclude': []}
    translate(expanded, jopts, hopts, st)
    # positional args, as the real driver: '[options] -jar jar [name]' / '[options] main [name]' (Quarkus puts the name before -jar)
    pos = st.get('pos', [])
    if st.get('jar'):
        if pos and not st.get('name'): st['name'] = pos[-1]
    else:
        if pos: st['main'] = pos[0]
        if len(pos) > 1 and not st.get('name'): st['name'] = pos[1]
    if st.get('jar'):
        jar = os.path.abspath(st['jar']); st['cp'].insert(0, jar)
        mf = zipfile.ZipFile(jar).read('META-INF/MANIFEST.MF').decode().replace('\r\n ', '').replace('\n ', '')
        for line in mf.splitlines():
            if line.startswith('Main-Class:'): st['main'] = line.split(':', 1)[1].strip()
            if line.startswith('Class-Path:'): st['cp'] += [os.path.join(os.path.dirname(jar), p) for p in line.split(':', 1)[1].split()]
    # native-image.properties 'Args' from every classpath jar (what the real driver does)
    for e in st['cp']:
        if not e.endswith('.jar') or not os.path.exists(e): continue
        z = zipfile.ZipFile(e)
        for n in z.namelist():
            KIND = {'reflect-config.json': 'ReflectionConfigurationResources', 'resource-config.json': 'ResourceConfigurationResources',
                    'jni-config.json': 'JNIConfigurationResources', 'proxy-config.json': 'DynamicProxyConfigurationResources',
                    'serialization-config.json': 'SerializationConfigurationResources', 'reachability-metadata.json': 'ReachabilityMetadataResources'}
            if n.startswith('META-INF/native-image/') and os.path.basename(n) in KIND:
                if any(re.search(jr, e) and re.search(rr, '/' + n) for jr, rr in st['exclude']): continue
                hopts.append('-H:' + KIND[os.path.basename(n)] + '=' + n)
            if n.startswith('META-INF/native-image/') and n.endswith('native-image.properties'):
                if any(re.search(jr, os.path.basename(e)) or re.search(rr, '/' + n) for jr, rr in st['exclude'] if re.search(rr, '/' + n)): continue
                txt = z.read(n).decode().replace('\\\n', ' ')
                m = re.search(r'^Args\s*[=:]\s*(.*)$', txt, re.M)
                if m: translate(shlex.split(m.group(1).replace('${.}', '')), jopts, hopts, st, e)
    name = st.get('name') or 'image'
    cmd = [NI + '/runner.sh'] + jopts + ['--',
           '-imagecp', ':'.join(os.path.abspath(p) for p in st['cp']),
           '-H:CLibraryPath=%s/linux-amd64/glibc,%s/linux-amd64,%s' % (CL, CL, CL),
           '-H:Path@driver=' + os.getcwd(), '-H:Name@user=' + os.path.basename(name),
           '-H:ImageBuildID@driver=' + str(uuid.uuid4()),
           '-H:NativeLinkerOption=' + NI + '/src/svmsupport.o', '-H:NativeLinkerOption=-L' + D, '-H:NativeLinkerOption=-ljvm', '-H:NativeLinkerOption=' + D + '/libextnet.so', '-H:NativeLinkerOption=' + D + '/libmanagement_ext.so', '-H:NativeLinkerOption=' + D + '/libjaas.so',
           '-H:NativeLinkerOption=-Wl,-rpath,' + D, '-H:NativeLinkerOption=-Wl,-rpath-link,' + D] + hopts
    if st.get('main'): cmd.append('-H:Class@explicit main-class=' + st['main'])
    print('mini-driver exec: ' + ' '.join(shlex.quote(c) for c in cmd)[:3000], file=sys.stderr)
    return subprocess.call(cmd)
sys.exit(main())
