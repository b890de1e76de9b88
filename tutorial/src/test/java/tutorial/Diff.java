package tutorial;

import java.util.ArrayList;
import java.util.List;

/** A unified-style diff, as {@code diff -u} prints it, so a failure shows just the lines that differ. */
final class Diff {

    private static final int CONTEXT = 3;

    private Diff() {
    }

    /** One line of the diff: ' ' in both, '-' only in expected, '+' only in actual; numbers are 1-based. */
    private record Line(char sign, String text, int expectedNumber, int actualNumber) {
    }

    static String unified(String expectedName, List<String> expected, String actualName, List<String> actual) {
        List<Line> all = compare(expected, actual);
        StringBuilder out = new StringBuilder("--- " + expectedName + "\n+++ " + actualName + "\n");
        int i = 0;
        while (i < all.size()) {
            if (all.get(i).sign() == ' ') {
                i++;
                continue;
            }
            // A hunk: this change, the changes close after it, and up to 3 unchanged lines around them.
            int from = Math.max(0, i - CONTEXT);
            int to = i;
            int unchangedRun = 0;
            while (to < all.size() && unchangedRun <= 2 * CONTEXT) {
                unchangedRun = all.get(to).sign() == ' ' ? unchangedRun + 1 : 0;
                to++;
            }
            to -= Math.max(0, unchangedRun - CONTEXT);
            Line first = all.get(from);
            out.append("@@ -").append(first.expectedNumber()).append(" +").append(first.actualNumber()).append(" @@\n");
            for (Line line : all.subList(from, to)) {
                out.append(line.sign()).append(line.text()).append('\n');
            }
            i = to;
        }
        return out.toString();
    }

    /** The classic longest-common-subsequence table, walked from the start; fine for chapter-sized texts. */
    private static List<Line> compare(List<String> a, List<String> b) {
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Line> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                lines.add(new Line(' ', a.get(i), ++i, ++j));
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                lines.add(new Line('-', a.get(i), ++i, j + 1));
            } else {
                lines.add(new Line('+', b.get(j), i + 1, ++j));
            }
        }
        return lines;
    }
}
