#!/bin/bash
# usage: runner.sh <builder args...>
NI=${NI:-$(cd "$(dirname "$(readlink -f "$0")")" && pwd)}
export JVMCI_VERSION_CHECK=${JVMCI_VERSION_CHECK:-ignore}
J=${NI_JAVA:-$NI/gvm/bin/java}
JARS=$NI/jars
B=org.graalvm.nativeimage.builder
MP=$(ls $JARS/*.jar | grep -v "/compiler-25" | tr '\n' ':')
AE=""
for e in com.sun.crypto.provider jdk.internal.access jdk.internal.event jdk.internal.loader jdk.internal.logger jdk.internal.perf jdk.internal.platform jdk.internal.reflect jdk.internal.util jdk.internal.vm.annotation jdk.internal.vm jdk.internal sun.invoke.util sun.net.www sun.net sun.reflect.annotation sun.reflect.generics.factory sun.reflect.generics.reflectiveObjects sun.reflect.generics.repository sun.reflect.generics.scope sun.reflect.generics.tree sun.security.jca sun.security.provider sun.security.ssl sun.security.util sun.security.x509 sun.text.spi sun.util.calendar sun.util.cldr sun.util.locale.provider sun.util.locale sun.util.resources sun.util; do AE="$AE --add-exports=java.base/$e=$B"; done
AE="$AE --add-exports=java.base/jdk.internal.misc=jdk.graal.compiler,$B,org.graalvm.nativeimage.objectfile,org.graalvm.nativeimage.pointsto"
AE="$AE --add-exports=java.base/jdk.internal.module=org.graalvm.nativeimage.base,$B"
AE="$AE --add-exports=java.base/jdk.internal.ref=$B,org.graalvm.nativeimage.objectfile"
AE="$AE --add-exports=java.base/sun.nio.ch=$B,org.graalvm.nativeimage.objectfile"
AE="$AE --add-exports=java.desktop/sun.java2d.pipe=$B --add-exports=java.desktop/sun.java2d=$B"
AE="$AE --add-exports=java.management/com.sun.jmx.mbeanserver=$B --add-exports=java.management/sun.management=$B,org.graalvm.nativeimage.pointsto"
CI=jdk.internal.vm.ci
AE="$AE --add-exports=$CI/jdk.vm.ci.aarch64=jdk.graal.compiler,$B,org.graalvm.nativeimage.objectfile --add-exports=$CI/jdk.vm.ci.amd64=jdk.graal.compiler,$B,org.graalvm.nativeimage.objectfile"
AE="$AE --add-exports=$CI/jdk.vm.ci.code.site=jdk.graal.compiler,$B --add-exports=$CI/jdk.vm.ci.code.stack=jdk.graal.compiler,$B"
AE="$AE --add-exports=$CI/jdk.vm.ci.code=jdk.graal.compiler,$B,org.graalvm.nativeimage.objectfile,org.graalvm.nativeimage.pointsto,org.graalvm.truffle.compiler"
AE="$AE --add-exports=$CI/jdk.vm.ci.common=jdk.graal.compiler,$B,org.graalvm.nativeimage.pointsto"
AE="$AE --add-exports=$CI/jdk.vm.ci.hotspot.aarch64=jdk.graal.compiler --add-exports=$CI/jdk.vm.ci.hotspot.amd64=jdk.graal.compiler --add-exports=$CI/jdk.vm.ci.hotspot.riscv64=jdk.graal.compiler"
AE="$AE --add-exports=$CI/jdk.vm.ci.hotspot=jdk.graal.compiler,$B"
AE="$AE --add-exports=$CI/jdk.vm.ci.meta=jdk.graal.compiler,org.graalvm.nativeimage.base,$B,org.graalvm.nativeimage.objectfile,org.graalvm.nativeimage.pointsto,org.graalvm.truffle.compiler"
AE="$AE --add-exports=$CI/jdk.vm.ci.riscv64=jdk.graal.compiler,$B --add-exports=$CI/jdk.vm.ci.runtime=jdk.graal.compiler,$B,org.graalvm.nativeimage.pointsto --add-exports=$CI/jdk.vm.ci.services=jdk.graal.compiler,$B"
AE="$AE --add-exports=jdk.jfr/jdk.jfr.events=$B --add-exports=jdk.jfr/jdk.jfr.internal.event=$B --add-exports=jdk.jfr/jdk.jfr.internal.jfc=$B --add-exports=jdk.jfr/jdk.jfr.internal=$B --add-exports=jdk.management/com.sun.management.internal=$B"
JX=(); while [ $# -gt 0 ] && [ "$1" != "--" ]; do JX+=("$1"); shift; done; [ "$1" = "--" ] && shift
exec $J -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI -XX:-UseJVMCICompiler \
  -Dtruffle.TrustAllTruffleRuntimeProviders=true -Dtruffle.TruffleRuntime=com.oracle.truffle.api.impl.DefaultTruffleRuntime \
  -Dgraalvm.ForcePolyglotInvalid=true -Dgraalvm.locatorDisabled=true -Dsubstratevm.HostLibC=glibc \
  $AE @$NI/exports.args \
  -Xss10m -XX:+UseParallelGC -XX:MaxRAMPercentage=85.0 -XX:GCTimeRatio=9 -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
  -Dorg.graalvm.vendor=Assembled -Dorg.graalvm.version=25.0.4 -Dcom.oracle.graalvm.isaot=true -Dorg.graalvm.nativeimage.imagecode=buildtime \
  -Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader -Xshare:off \
  -Djdk.internal.lambda.disableEagerInitialization=true -Djdk.internal.lambda.eagerlyInitialize=false \
  -Djava.lang.invoke.InnerClassLambdaMetafactory.initializeLambdas=false -Djava.lang.invoke.MethodHandle.DONT_INLINE_THRESHOLD=-1 -Djava.lang.invoke.MethodHandle.PROFILE_GWT=false \
  --add-modules=ALL-DEFAULT \
  --enable-native-access=org.graalvm.nativeimage.objectfile,$B,org.graalvm.nativeimage.pointsto,org.graalvm.nativeimage.base \
  --upgrade-module-path $JARS/compiler-25.0.4.jar \
  --module-path $MP \
  $EXTRA_J "${JX[@]}" \
  --module $B/com.oracle.svm.hosted.NativeImageGeneratorRunner "$@"
