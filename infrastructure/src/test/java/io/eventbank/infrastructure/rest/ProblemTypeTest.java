package io.eventbank.infrastructure.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.eventbank.contracts.account.AccountRefusal;
import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    private static final Pattern ROW = Pattern.compile("^\\| (`[a-z-]+`(?:, `[a-z-]+`)*) \\| ([0-9, ]+) \\|",
            Pattern.MULTILINE);

    @Test
    void shouldNameEachProblemAfterItsCode() {
        Problem problem = ProblemType.INSUFFICIENT_FUNDS.problem("the balance does not cover 10.00 EUR");
        assertThat(problem.type()).isEqualTo("https://eventbank.io/problems/insufficient-funds");
        assertThat(problem.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(problem.status()).isEqualTo(422);
        assertThat(ProblemType.CLEARING_ACCOUNT.exception("no", "debtorIban").problem().field())
                .isEqualTo("debtorIban");
    }

    /** A refusal keeps its name in the answer, but for a text the account refuses: a request that is not valid. */
    @Test
    void shouldAnswerEveryRefusalWithTheProblemOfItsName() {
        for (AccountRefusal refusal : AccountRefusal.values()) {
            assertThat(ProblemType.of(refusal).name()).isEqualTo(refusal == AccountRefusal.INVALID_TEXT
                    ? "VALIDATION_FAILED" : refusal.name());
        }
    }

    /** docs/api.md's table of problem types lists every one, with its status. */
    @Test
    void shouldBeListedInTheApiDocsWithItsStatus() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "api.md"));
        for (ProblemType type : ProblemType.values()) {
            String slug = "`" + Problem.slug(type.name()) + "`";
            Matcher row = ROW.matcher(docs);
            boolean listed = false;
            while (row.find()) {
                List<String> codes = Arrays.asList(row.group(1).split(", "));
                List<String> statuses = Arrays.asList(row.group(2).strip().split(", "));
                if (codes.contains(slug)) {
                    assertThat(statuses).as(slug).contains(Integer.toString(type.status()));
                    listed = true;
                }
            }
            assertThat(listed).as(slug + " in docs/api.md").isTrue();
        }
    }
}
