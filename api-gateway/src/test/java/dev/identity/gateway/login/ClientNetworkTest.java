package dev.identity.gateway.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientNetworkTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "203.0.113.7                              | 203.0.113.7",
                "203.0.113.007                            | 203.0.113.7",
                "2001:db8:1:2::a                          | 2001:db8:1:2::/64",
                "2001:DB8:1:2:ffff:ffff:ffff:ffff         | 2001:db8:1:2::/64",
                "[2001:db8:0001:0002::1]                  | 2001:db8:1:2::/64",
                "fe80::1%eth0                             | fe80:0:0:0::/64",
                "::1                                      | 0:0:0:0::/64",
                "0:0:0:0:0:0:0:1                          | 0:0:0:0::/64",
                "::ffff:198.51.100.9                      | 198.51.100.9",
                "2001:db8::198.51.100.9                   | 2001:db8:0:0::/64",
            })
    void ofWhenAnAddressThenItsClient(String address, String client) {
        assertThat(ClientNetwork.of(address)).isEqualTo(client);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "999.1.1.1       | other:999.1.1.1",
                "example.com     | other:example.com",
                "1:2:3:4:5:6:7:8:9 | other:1:2:3:4:5:6:7:8:9",
                "1::2::3         | other:1::2::3",
                "12345::1        | other:12345::1",
            })
    void ofWhenNotAnAddressThenOneClientWithoutAnyLookUp(String address, String client) {
        assertThat(ClientNetwork.of(address)).isEqualTo(client);
    }

    @ParameterizedTest
    @CsvSource({"2001:db8:1:2::1, 2001:db8:1:3::1", "198.51.100.1, 198.51.100.2"})
    void ofWhenAnotherNetworkThenAnotherClient(String one, String other) {
        assertThat(ClientNetwork.of(one)).isNotEqualTo(ClientNetwork.of(other));
    }
}
