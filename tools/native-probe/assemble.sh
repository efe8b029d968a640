#!/bin/bash
# Assemble a GraalVM-25-like home ($NI/gvm) from Temurin 25 + Maven Central GraalVM 25.0.4 jars.
# Needs: $NI (scratch dir, already containing runner.sh, mini_driver.py, GenExports.java, src/{svmsupport.c,jvmshim.c,mkjvm.sh,reporterchelper.c}),
#        gcc, Maven, Temurin 25.  M2 = maven local repo to use (default: Maven's own); MVN = the Maven command (default: mvn).
# (kstretch: setup.sh beside this file does the copying and checks; this is the shared native-probe script, with
#  MVN and the default local repository added.)
set -euo pipefail
: "${NI:?set NI}"; T=${TEMURIN:-/usr/lib/jvm/temurin-25-jdk-amd64}; GV=${GRAAL_VERSION:-25.0.4}; M2=${M2:-}; MVN=${MVN:-mvn}
cd "$NI"
# 1. builder jars from Maven Central
mkdir -p jars
cat > pom-deps.xml <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>ni-deps</artifactId><version>1</version><packaging>pom</packaging>
<dependencies><dependency><groupId>org.graalvm.nativeimage</groupId><artifactId>svm</artifactId><version>$GV</version></dependency></dependencies></project>
POM
$MVN -q -B -f pom-deps.xml ${M2:+-Dmaven.repo.local="$M2"} dependency:copy-dependencies -DoutputDirectory="$NI/jars"
# 2. a writable copy of the JDK (java.home must contain lib/svm/...)
rm -rf gvm && cp -a "$T" gvm
mkdir -p gvm/lib/svm/builder/lib gvm/lib/svm/clibraries/linux-amd64/glibc gvm/lib/svm/clibraries/include gvm/lib/svm/dynjdk gvm/lib/static/linux-amd64/glibc
gcc -shared -fPIC -O2 -I gvm/include -I gvm/include/linux -o gvm/lib/svm/builder/lib/libreporterchelper.so src/reporterchelper.c
# 3. C headers the builder's CContext queries need, generated from the svm.jar struct interfaces
rm -rf x && mkdir x && (cd x && unzip -q ../jars/svm-$GV.jar 'com/oracle/svm/core/*/*LibCHelper$CPUFeatures.class')
INC=gvm/lib/svm/clibraries/include
for pair in amd64:amd64/AMD64 aarch64:aarch64/AArch64 riscv64:riscv64/RISCV64; do n=${pair%%:*}; c=${pair#*:}
  { echo "#ifndef ${n}_CPUFEATURES_H"; echo "#define ${n}_CPUFEATURES_H"; echo "typedef struct {"
    "$T/bin/javap" -p "x/com/oracle/svm/core/${c}LibCHelper\$CPUFeatures.class" | grep -o "boolean [A-Za-z0-9_]*()" | sed 's/boolean \(.*\)()/  char \1;/'
    echo "} CPUFeatures;"; echo "#endif"; } > $INC/${n}cpufeatures.h; done
cat > $INC/svm_locale.h <<'H'
#ifndef SVM_LOCALE_H
#define SVM_LOCALE_H
#define SVM_LOCALE_INITIALIZATION_SUCCEEDED 0
#define SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY 1
typedef struct { char *display_language; char *display_script; char *display_country; char *display_variant;
  char *format_language; char *format_script; char *format_country; char *format_variant; } svm_locale_props_t;
int svm_initialize_locale(void);
svm_locale_props_t *svm_get_locale(void);
#endif
H
# 4. JDK "static" libs: linker scripts pointing at Temurin's shared libs (no real .a files exist anywhere reachable)
for l in java nio net zip extnet management_ext jaas; do cp gvm/lib/lib$l.so gvm/lib/svm/dynjdk/; echo "INPUT($NI/gvm/lib/svm/dynjdk/lib$l.so)" > gvm/lib/static/linux-amd64/glibc/lib$l.a; done
# 5. replacement for SVM's libchelper/svm_container (object linked into every image) and a libjvm.so shim
gcc -c -O2 -fPIC -I$INC -Igvm/include -Igvm/include/linux -o src/svmsupport.o src/svmsupport.c
EXTRA_SO="$NI/gvm/lib/svm/dynjdk/libextnet.so $NI/gvm/lib/svm/dynjdk/libmanagement_ext.so $NI/gvm/lib/svm/dynjdk/libjaas.so" bash src/mkjvm.sh
# 6. --add-exports list for the builder modules, and the driver stand-in
gvm/bin/java --add-modules=ALL-SYSTEM GenExports.java java.base jdk.internal.vm.ci jdk.jfr java.management jdk.management java.desktop jdk.unsupported java.xml jdk.zipfs java.instrument java.logging jdk.net > exports.args 2>/dev/null
chmod +x runner.sh mini_driver.py; ln -sf "$NI/mini_driver.py" gvm/bin/native-image
echo "assembled: $NI/gvm (use as GRAALVM_HOME / quarkus.native.graalvm-home)"
