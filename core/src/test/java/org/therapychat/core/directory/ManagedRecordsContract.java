package org.therapychat.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.therapychat.core.common.Transactions;
import org.therapychat.core.directory.ManagedRecords.Kind;

/** What every {@link ManagedRecords} adapter does; each backend supplies an empty one and its units. */
public interface ManagedRecordsContract {
    ManagedRecords emptyManagedRecords();

    /** The units of work the store joins. */
    Transactions transactions();

    @Test
    default void aMarkNamesItsSourceForItsKindOnly() {
        ManagedRecords marks = emptyManagedRecords();
        marks.mark(Kind.USER, "2", "REDCap");
        assertThat(marks.source(Kind.USER, "2")).contains("REDCap");
        assertThat(marks.source(Kind.SESSION, "2")).isEmpty();
        assertThat(marks.source(Kind.USER, "3")).isEmpty();
    }

    @Test
    default void allListsEveryMarkOfAKind() {
        ManagedRecords marks = emptyManagedRecords();
        marks.mark(Kind.USER, "2", "REDCap");
        marks.mark(Kind.USER, "3", "REDCap");
        marks.mark(Kind.SESSION, "TS1", "REDCap");
        assertThat(marks.all(Kind.USER)).isEqualTo(Map.of("2", "REDCap", "3", "REDCap"));
        assertThat(marks.all(Kind.SESSION)).isEqualTo(Map.of("TS1", "REDCap"));
    }

    @Test
    default void markingAgainReplacesTheSource() {
        ManagedRecords marks = emptyManagedRecords();
        marks.mark(Kind.SESSION, "TS1", "REDCap");
        marks.mark(Kind.SESSION, "TS1", "Other");
        assertThat(marks.all(Kind.SESSION)).isEqualTo(Map.of("TS1", "Other"));
    }

    @Test
    default void aMarkInAFailedUnitIsNotKept() {
        ManagedRecords marks = emptyManagedRecords();
        assertThatThrownBy(() -> transactions().inOne(() -> {
            marks.mark(Kind.USER, "2", "REDCap");
            throw new IllegalStateException("the unit fails after the mark");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(marks.source(Kind.USER, "2")).isEmpty();
    }
}
