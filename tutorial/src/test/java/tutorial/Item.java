package tutorial;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/** One thing a chapter claims, as a JUnit test named after where it is ("01-stateless.md:36 output of ..."). */
final class Item {

    private Item() {
    }

    /**
     * Surefire's summary shows a dynamic test as "method()[4]", not by its name: so a failure's message
     * begins with the name too, and says which chapter and line to fix wherever it is read.
     */
    static DynamicTest item(String name, Executable check) {
        return dynamicTest(name, () -> {
            try {
                check.execute();
            } catch (AssertionError e) {
                AssertionError named = new AssertionError(name + ": " + e.getMessage(), e.getCause());
                named.setStackTrace(e.getStackTrace());
                throw named;
            }
        });
    }
}
