package org.therapychat.core.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.therapychat.core.audit.Actor;
import org.therapychat.core.audit.Audit;
import org.therapychat.core.common.DomainException.ManagedElsewhere;
import org.therapychat.core.common.DomainException.RowsInvalid;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.UserId;
import org.therapychat.core.directory.ManagedRecords;
import org.therapychat.core.login.Identifier;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.PhoneNumberParser;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserStore;

/**
 * A roster CSV ({@code id,role,displayName,phone,identifier}) checked as a whole — every bad row
 * named with its line and field, nothing stored if any is bad — then stored. A user keeps their
 * disabled flag; a re-import of the same file changes nothing.
 */
public final class RosterImport {
    /** The header the first line must have, in this order. */
    public static final List<String> HEADER = List.of("id", "role", "displayName", "phone", "identifier");
    /** The most data rows in one file. */
    public static final int MAX_ROWS = 10_000;

    /**
     * What an import did.
     *
     * @param created new users
     * @param updated users whose record changed
     * @param unchanged users already as listed
     */
    public record Result(int created, int updated, int unchanged) {
    }

    private final UserStore users;
    private final PhoneNumberParser phones;
    private final Audit audit;
    private final AdminService admin;

    /**
     * Wires the import.
     *
     * @param users where the users go
     * @param phones normalises each phone
     * @param audit records the import as {@code user.import}
     * @param admin stores each user as a PUT does (a renamed member's sessions refetch their details)
     */
    public RosterImport(UserStore users, PhoneNumberParser phones, Audit audit, AdminService admin) {
        this.users = users;
        this.phones = phones;
        this.audit = audit;
        this.admin = admin;
    }

    /**
     * Checks every row, then stores them all; audited.
     *
     * @param actor who imports
     * @param csv the file's text (a leading byte-order mark is ignored)
     * @return how many users were created, updated, left unchanged
     * @throws RowsInvalid naming every broken rule, with its line and field; nothing is stored then
     */
    public Result importCsv(Actor actor, String csv) {
        return audit.recorded(actor, "user.import", "roster", () -> store(validate(csv)));
    }

    /** Every row as a user, or {@link RowsInvalid} naming each broken rule. */
    List<User> validate(String csv) {
        List<Csv.Line> lines = Csv.parse(csv.startsWith("\uFEFF") ? csv.substring(1) : csv);
        List<RowsInvalid.Row> problems = new ArrayList<>();
        if (lines.isEmpty() || !lines.get(0).fields().stream().map(String::strip).toList().equals(HEADER)) {
            throw new RowsInvalid("The first line must be the header " + String.join(",", HEADER) + ".",
                    List.of(new RowsInvalid.Row(1, "header", "expected " + String.join(",", HEADER))));
        }
        if (lines.size() - 1 > MAX_ROWS) {
            throw new RowsInvalid("At most " + MAX_ROWS + " rows per file.", List.of());
        }
        Map<UserId, Integer> ids = new HashMap<>();
        Map<String, Integer> pairs = new HashMap<>();
        List<User> rows = new ArrayList<>();
        for (Csv.Line line : lines.subList(1, lines.size())) {
            int before = problems.size();
            Optional<User> user = row(line, problems);
            if (user.isEmpty() || problems.size() > before) {
                continue;
            }
            User u = user.get();
            Integer firstId = ids.putIfAbsent(u.id(), line.number());
            if (firstId != null) {
                problems.add(new RowsInvalid.Row(line.number(), "id", u.id() + " is already on line " + firstId));
                continue;
            }
            String pair = u.phone().e164() + " " + u.identifier().normalized();
            Integer firstPair = pairs.putIfAbsent(pair, line.number());
            if (firstPair != null) {
                problems.add(new RowsInvalid.Row(line.number(), "identifier",
                        "this phone and identifier are already on line " + firstPair));
                continue;
            }
            Optional<User> owner = users.findByPhone(u.phone()).stream()
                    .filter(other -> !other.id().equals(u.id()) && other.identifier().matches(u.identifier()))
                    .findFirst();
            if (owner.isPresent()) {
                problems.add(new RowsInvalid.Row(line.number(), "identifier",
                        "this phone and identifier belong to " + owner.get().id()));
                continue;
            }
            rows.add(u);
        }
        if (!problems.isEmpty()) {
            throw new RowsInvalid(problems.size() + " row(s) need fixing; nothing was imported.", problems);
        }
        refuseManaged(rows);
        return rows;
    }

    /** A roster may not rewrite users a directory owns: they are edited there. */
    private void refuseManaged(List<User> rows) {
        Map<String, String> owned = admin.managed(ManagedRecords.Kind.USER);
        List<String> ids = rows.stream().map(u -> u.id().value()).filter(owned::containsKey).toList();
        if (!ids.isEmpty()) {
            String source = owned.get(ids.get(0));
            throw ManagedElsewhere.all(source, ids);
        }
    }

    private Optional<User> row(Csv.Line line, List<RowsInvalid.Row> problems) {
        List<String> f = line.fields();
        if (f.size() != HEADER.size()) {
            problems.add(new RowsInvalid.Row(line.number(), "row", "expected 5 fields, found " + f.size()));
            return Optional.empty();
        }
        Map<String, Object> parsed = new LinkedHashMap<>();
        parse(line, "id", problems, parsed, () -> UserId.of(f.get(0).strip()));
        parse(line, "role", problems, parsed, () -> Role.fromWire(f.get(1).strip().toLowerCase(Locale.ROOT)));
        parse(line, "displayName", problems, parsed, () -> AdminService.required(f.get(2), "displayName").strip());
        parse(line, "phone", problems, parsed, () -> phones.parse(f.get(3)));
        parse(line, "identifier", problems, parsed, () -> new Identifier(f.get(4)));
        if (parsed.size() != HEADER.size()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new User((UserId) parsed.get("id"), (Role) parsed.get("role"),
                    (String) parsed.get("displayName"), (PhoneNumber) parsed.get("phone"),
                    (Identifier) parsed.get("identifier")));
        } catch (IllegalArgumentException e) {
            problems.add(new RowsInvalid.Row(line.number(), "displayName", e.getMessage()));
            return Optional.empty();
        }
    }

    private static void parse(Csv.Line line, String field, List<RowsInvalid.Row> problems, Map<String, Object> into,
                              java.util.function.Supplier<Object> parser) {
        try {
            into.put(field, parser.get());
        } catch (ValidationFailed | IllegalArgumentException e) {
            problems.add(new RowsInvalid.Row(line.number(), field,
                    e.getMessage() == null ? field + " is invalid" : e.getMessage()));
        }
    }

    private Result store(List<User> rows) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (User row : rows) {
            Optional<User> current = users.findById(row.id());
            User user = row.withDisabled(current.map(User::disabled).orElse(false));
            if (current.isEmpty()) {
                created++;
            } else if (current.get().equals(user)) {
                unchanged++;
                continue;
            } else {
                updated++;
            }
            admin.storeUser(user);
        }
        return new Result(created, updated, unchanged);
    }
}
