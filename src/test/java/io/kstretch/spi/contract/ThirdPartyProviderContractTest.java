package io.kstretch.spi.contract;

import java.util.List;
import java.util.Map;

import io.kstretch.thirdparty.ExternalDnsNetworkingProvider;

/** The provider contract for a provider defined only in test code, as a third party would run it. */
class ThirdPartyProviderContractTest extends NetworkingProviderContract {

    @Override
    protected List<ProviderCase> providers() {
        return List.of(ProviderCase.of(ExternalDnsNetworkingProvider.NAME, new ExternalDnsNetworkingProvider(),
                Map.of("domain", "kafka.example.test")));
    }
}
