package locallibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** -DSERVERS=3: how many app servers the balancer starts; two unless told, and never none. */
class ServersSettingTest {

    @Test
    void twoAppServersUnlessTold() {
        assertEquals(2, SettingNamesTest.loadWith().SERVERS);
        assertEquals(3, SettingNamesTest.loadWith("SERVERS", "3").SERVERS);
    }

    @Test
    void aCountThatIsNotOneOrMoreIsRefused() {
        assertEquals("SERVERS must be a whole number, 1 or more, like SERVERS=2 (got '0')",
                SettingNamesTest.refusal("SERVERS", "0"));
        assertEquals("SERVERS must be a whole number, 1 or more, like SERVERS=2 (got 'three')",
                SettingNamesTest.refusal("SERVERS", "three"));
    }
}
