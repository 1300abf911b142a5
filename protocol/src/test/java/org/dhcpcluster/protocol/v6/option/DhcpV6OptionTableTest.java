package org.dhcpcluster.protocol.v6.option;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each option format accepts what its RFC allows and names what is wrong with the rest. */
class DhcpV6OptionTableTest {

    /** code, a valid value, an invalid value ("-" where every value is valid), and the start of the complaint. */
    @ParameterizedTest(name = "option {0}")
    @CsvSource(delimiter = '|', value = {
        "1  | 00030001 02005e102030                 | 0003                         | a DUID is a 2-octet type",
        "2  | 0002 0000 0009 01                     | 00                           | a DUID is a 2-octet type",
        "3  | 00000001 00000000 00000000            | 00000001 00000000            | needs at least 12 octets",
        "4  | 00000001                              | 000001                       | needs at least 4 octets",
        "5  | 20010db8000000000000000000000001 00000000 00000000 | 20010db8         | needs at least 24 octets",
        "6  | 0017 0018                             | 001700                       | must be a whole number of 2-octet codes",
        "7  | ff                                    | 00ff                         | must be exactly 1 octets",
        "8  | 0000                                  | 000000                       | must be exactly 2 octets",
        "9  | 01000001                              | -                            | -",
        "11 | 03 01 00 0000000000000001             | 03 01 00 00000000            | must be at least 11 octets",
        "12 | 20010db8000000000000000000000001      | 20010db8                     | must be exactly 16 octets",
        "13 | 0000                                  | 00                           | must be at least 2 octets",
        "14 | ''                                    | 00                           | must be exactly 0 octets",
        "15 | 0001 61 0000                          | 0005 61                      | item at offset 0 claims 5 octets",
        "16 | 00009f08 0003 616263                  | 00009f08 00                  | item at offset 4 has no 2-octet length",
        "17 | 00000009 0001 0001 ff                 | 00000009 0001 00             | nested option header at offset 4",
        "18 | ''                                    | -                            | -",
        "19 | 0b                                    | 07                           | msg-type 7 is not 5, 6 or 11",
        "20 | ''                                    | 01                           | must be exactly 0 octets",
        "23 | 20010db8000000000000000000000053      | ''                           | must be one or more 16-octet addresses",
        "24 | 076578616d706c6503636f6d00            | 076578616d706c65c00c         | compression pointer at offset 8",
        "25 | 00000001 00000000 00000000            | 00000001                     | needs at least 12 octets",
        "26 | 00000000 00000000 40 20010db8000000000000000000000000 | 00000000 00000000 81 20010db8000000000000000000000000 | prefix-length 129 is over 128",
        "32 | 00000258                              | 0258                         | must be exactly 4 octets",
        "37 | 00000de9 01                           | 00000de9                     | must be at least 5 octets",
        "38 | 01                                    | ''                           | must be at least 1 octets",
        "79 | 0001 02005e102030                     | 0001                         | must be at least 3 octets",
        "82 | 0000003c                              | 0000003b                     | value 59 is outside 60..86400",
        "83 | 00015180                              | 00015181                     | value 86401 is outside 60..86400",
        "87 | 01                                    | ''                           | must be at least 1 octets",
        "88 | ''                                    | 20010db8                     | must be a whole number of 16-octet addresses"})
    void formatAcceptsValidAndNamesTheProblemOfInvalidValues(int code, String valid, String invalid, String complaint) {
        assertTrue(DhcpV6OptionTable.validate(code, hex(valid)).isEmpty(), "valid value refused: " + valid);
        if (!invalid.equals("-")) {
            String problem = DhcpV6OptionTable.validate(code, hex(invalid)).orElseThrow();
            assertTrue(problem.startsWith(complaint), problem);
        }
    }

    @Test
    void everyRowOfTheTableIsCoveredByTheFormatTest() {
        Set<Integer> tested = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 23, 24, 25, 26,
                32, 37, 38, 79, 82, 83, 87, 88);
        assertEquals(tested, DhcpV6OptionTable.all().stream().map(V6OptionDefinition::code).collect(Collectors.toSet()));
    }

    @Test
    void onlyIdentifiersAndIaContainersAreEssential() {
        assertEquals(new TreeSet<>(List.of(1, 2, 3, 4, 25)), DhcpV6OptionTable.all().stream()
                .filter(V6OptionDefinition::essential).map(V6OptionDefinition::code).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void unknownCodesAreAlwaysValid() {
        assertTrue(DhcpV6OptionTable.validate(65_000, hex("ff")).isEmpty());
        assertEquals("option-65000", DhcpV6OptionTable.nameOf(65_000));
    }

    @Test
    void looksUpByKeaNameIgnoringCase() {
        assertEquals(23, DhcpV6OptionTable.byName(" DNS-Servers ").orElseThrow().code());
        assertTrue(DhcpV6OptionTable.byName("no-such-option").isEmpty());
    }

    @Test
    void containersCheckWhatTheyNest() {
        String badStatus = "000d 0001 00";                                   // status code of one octet
        String problem = DhcpV6OptionTable.validate(3, hex("00000001 00000000 00000000" + badStatus)).orElseThrow();
        assertEquals("nested status-code (13) at offset 12: must be at least 2 octets, got 1", problem);
        String iaaddrWithBadStatus = "0005 001d 20010db8000000000000000000000001 00000000 00000000" + badStatus;
        assertTrue(DhcpV6OptionTable.validate(3, hex("00000001 00000000 00000000" + iaaddrWithBadStatus)).orElseThrow()
                .startsWith("nested iaaddr (5) at offset 12: nested status-code (13) at offset 24"));
        assertTrue(DhcpV6OptionTable.validate(3, hex("00000001 00000000 00000000 fff0 0001 00")).isEmpty()); // unknown nested: fine
    }

    @Test
    void refusesContainersNestedBeyondTheLimit() {
        byte[] value = hex("20010db8000000000000000000000001 00000000 00000000");
        for (int i = 0; i < V6OptionFormat.MAX_NESTING + 1; i++) {              // IAADDR inside IAADDR inside ...
            byte[] outer = new byte[24 + 4 + value.length];
            System.arraycopy(value, 0, outer, 0, 24);
            outer[24] = 0;
            outer[25] = 5;
            outer[26] = (byte) (value.length >> 8);
            outer[27] = (byte) value.length;
            System.arraycopy(value, 0, outer, 28, value.length);
            value = outer;
        }
        assertTrue(DhcpV6OptionTable.validate(5, value).orElseThrow().contains("nested more than 8 deep"));
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[\\s']", ""));
    }
}
