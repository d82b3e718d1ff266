package io.eventbank.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Free text's rules, on the text as it is kept. */
class TextsTest {

    @Test
    void shouldCountTheLengthOfTheTextAsItIsKeptAfterComposing() {
        // U+0958 is composed to two code points (U+0915 U+093C): 140 of them are kept as 280
        String lengthened = "\u0958".repeat(140);
        assertThat(Texts.canonical(lengthened).codePointCount(0, Texts.canonical(lengthened).length())).isEqualTo(280);
        assertThat(Texts.refusal(lengthened, Texts.MAX_LENGTH)).get().asString().contains("280 characters");
        assertThat(Texts.isAcceptable("\u0958".repeat(70), Texts.MAX_LENGTH)).isTrue();
    }

    @Test
    void shouldAcceptDecomposedTextThatIsKeptWithinTheLength() {
        // 'e' and a combining acute accent, 100 times: 200 code points typed, 100 kept
        String decomposed = "e\u0301".repeat(100);
        assertThat(Texts.isAcceptable(decomposed, Texts.MAX_LENGTH)).isTrue();
        assertThat(Texts.canonical(decomposed)).isEqualTo("\u00e9".repeat(100));
    }

    @Test
    void shouldRefuseHiddenCharactersAndFarTooLongTextAtOnce() {
        assertThat(Texts.refusal("rent\u202Etxt", Texts.MAX_LENGTH)).get().asString().contains("U+202E");
        assertThat(Texts.refusal("x".repeat(1_000_000), Texts.MAX_LENGTH)).get().asString()
                .contains("1000000 characters");
        assertThat(Texts.refusal("  ", Texts.MAX_LENGTH)).isEmpty();
    }
}
