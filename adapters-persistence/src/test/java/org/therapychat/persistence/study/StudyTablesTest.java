package org.therapychat.persistence.study;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.Table;
import org.junit.jupiter.api.Test;

/** Every table is either study data or the service's own state: a new table moves only once someone chose. */
class StudyTablesTest {
    @Test
    void everyTableOfTheSchemaIsStudyDataOrLeftBehind() {
        assertThat(StudyTables.unclassified())
                .as("name each new table in StudyTables: STUDY (export-data writes it) or LEFT_BEHIND (never moves)")
                .isEmpty();
        assertThat(StudyTables.all()).extracting(Table::getName).doesNotContainAnyElementsOf(StudyTables.LEFT_BEHIND);
    }
}
