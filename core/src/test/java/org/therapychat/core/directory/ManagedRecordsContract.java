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
    default void markAllMarksEachAndReplacesEarlierSources() {
        ManagedRecords marks = emptyManagedRecords();
        marks.mark(Kind.USER, "2", "Other");
        marks.mark(Kind.SESSION, "3", "Other");
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            ids.add(Integer.toString(i));
        }
        marks.markAll(Kind.USER, ids, "REDCap");
        marks.markAll(Kind.SESSION, java.util.List.of("TS1"), "REDCap");
        marks.markAll(Kind.SESSION, java.util.List.of(), "REDCap");
        Map<String, String> users = marks.all(Kind.USER);
        assertThat(users).hasSize(250).containsEntry("2", "REDCap").containsEntry("250", "REDCap");
        assertThat(marks.all(Kind.SESSION)).isEqualTo(Map.of("3", "Other", "TS1", "REDCap"));
    }

    @Test
    default void marksOfAFailedUnitAreNotKeptEvenInABatch() {
        ManagedRecords marks = emptyManagedRecords();
        assertThatThrownBy(() -> transactions().inOne(() -> {
            marks.markAll(Kind.USER, java.util.List.of("2", "3", "4"), "REDCap");
            throw new IllegalStateException("the unit fails after the marks");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(marks.all(Kind.USER)).isEmpty();
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
