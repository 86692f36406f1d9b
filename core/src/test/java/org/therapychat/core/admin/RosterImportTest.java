package org.therapychat.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.therapychat.core.audit.Actor;
import org.therapychat.core.common.DomainException.RowsInvalid;
import org.therapychat.core.common.UserId;
import org.therapychat.core.fixtures.World;

/** A roster CSV is checked as a whole, every bad row named, nothing stored until it all passes. */
class RosterImportTest {
    private static final String HEADER = "id,role,displayName,phone,identifier\r\n";
    private final World world = new World().withWeek1();

    private List<String> problems(String csv) {
        RowsInvalid e = catchThrowableOfType(RowsInvalid.class, () -> world.roster.importCsv(Actor.TOKEN, csv));
        return e.rows().stream().map(r -> r.line() + " " + r.field()).toList();
    }

    @Test
    void everyBadRowIsNamedWithItsLineAndFieldAndNothingIsStored() {
        int before = world.users.list().size();
        String csv = HEADER
                + "P1,participant,Ana One,+16505550001,One\r\n"
                + "P2,boss,Bad Role,+16505550002,Two\r\n"
                + "P3,participant,Bad Phone,555,Three\r\n"
                + "P1,participant,Duplicate,+16505550004,Four\r\n"
                + "P5,participant,Taken,+16505550101,smith\r\n"
                + "P6,participant,\"Repeat, the pair\",+16505550001,ONE\r\n"
                + "P7,participant,Short\r\n"
                + "bad id!,participant,X,+16505550008,X\r\n";
        assertThat(problems(csv)).containsExactly("3 role", "4 phone", "5 id", "6 identifier", "7 identifier", "8 row",
                "9 id");
        assertThat(world.users.list()).hasSize(before);
        assertThat(world.audit.after(0)).extracting(e -> e.action() + " " + e.outcome())
                .containsExactly("user.import invalid");
    }

    @Test
    void controlCharactersNameTheirRowAndField() {
        String csv = HEADER
                + "P1,participant,Ana\u0000One,+16505550001,One\r\n"
                + "P2,participant,Ben Two,+16505550002,T\u202ewo\r\n"
                + "P3,participant,Cy\u0085,+16505550003,Three\r\n";
        assertThat(problems(csv)).containsExactly("2 displayName", "3 identifier", "4 displayName");
    }

    @Test
    void aGoodFileIsStoredAndAReimportChangesNothing() {
        String csv = HEADER
                + "P1,participant,Ana One,+1 650 555 0001,One\r\n"
                + "\"P2\",\"participant\",\"Bo \"\"the\"\" Second\",+16505550002,Two\n"
                + "P123,participant,Ana Renamed,+16505550101,Smith\n";
        assertThat(world.roster.importCsv(Actor.TOKEN, csv)).isEqualTo(new RosterImport.Result(2, 1, 0));
        assertThat(world.users.findById(UserId.of("P2")).orElseThrow().displayName()).isEqualTo("Bo \"the\" Second");
        assertThat(world.users.findById(UserId.of("P1")).orElseThrow().phone().e164()).isEqualTo("+16505550001");
        assertThat(world.roster.importCsv(Actor.TOKEN, csv)).isEqualTo(new RosterImport.Result(0, 0, 3));
    }

    @Test
    void aRenameByImportTellsTheMembersSessionsToRefetchTheDetails() {
        world.roster.importCsv(Actor.TOKEN, HEADER + "P123,participant,Ana Renamed,+16505550101,Smith\n");
        assertThat(world.log.readAfter(org.therapychat.core.fixtures.Samples.WEEK_1, 0, 10))
                .extracting(a -> a.action().type()).containsExactly("update_chat_details");
    }

    @Test
    void aFileWithoutTheHeaderIsRefusedAsAWhole() {
        assertThat(problems("P1,participant,Ana,+16505550001,One\n")).containsExactly("1 header");
        assertThat(problems("")).containsExactly("1 header");
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
        List<Csv.Line> lines = Csv.parse("a,\"b,c\",\"d\"\"e\"\r\n\r\n\"multi\nline\",x\n");
        assertThat(lines).containsExactly(new Csv.Line(1, List.of("a", "b,c", "d\"e")),
                new Csv.Line(3, List.of("multi\nline", "x")));
    }
}
