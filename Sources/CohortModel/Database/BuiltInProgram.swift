import GRDB

/// The programme Cohort ships with: the ISTE Certification for Educators, its seven
/// standards and 24 indicators (short titles in our own words), its six sessions and
/// its rules. Inserted by a migration so every database has it.
enum BuiltInProgram {
    static let slug = "iste-educators"

    static let standards: [(code: String, name: String, indicators: [(String, String)])] = [
        ("2.1", "Learner", [
            ("2.1.a", "Set professional learning goals with technology and reflect on them"),
            ("2.1.b", "Take part in local and global learning networks"),
            ("2.1.c", "Keep current with research on learning"),
        ]),
        ("2.2", "Leader", [
            ("2.2.a", "Shape a shared vision for learning with technology"),
            ("2.2.b", "Advocate for equitable access to technology and content"),
            ("2.2.c", "Model finding, evaluating and adopting new tools for colleagues"),
        ]),
        ("2.3", "Citizen", [
            ("2.3.a", "Help learners contribute positively and empathetically online"),
            ("2.3.b", "Build digital literacy and critical evaluation of sources"),
            ("2.3.c", "Teach safe, legal and ethical use, including intellectual property"),
            ("2.3.d", "Model care for personal data, digital identity and privacy"),
        ]),
        ("2.4", "Collaborator", [
            ("2.4.a", "Plan together with colleagues"),
            ("2.4.b", "Learn and solve problems with technology alongside learners"),
            ("2.4.c", "Connect learners with experts, teams and peers beyond the classroom"),
            ("2.4.d", "Communicate with cultural competency"),
        ]),
        ("2.5", "Designer", [
            ("2.5.a", "Personalise learning for learner differences"),
            ("2.5.b", "Design authentic, standards-aligned active learning"),
            ("2.5.c", "Apply instructional design principles to digital environments"),
        ]),
        ("2.6", "Facilitator", [
            ("2.6.a", "Let learners own their goals and outcomes"),
            ("2.6.b", "Manage technology and strategies across learning spaces"),
            ("2.6.c", "Challenge learners with design process and computational thinking"),
            ("2.6.d", "Nurture creativity and creative expression"),
        ]),
        ("2.7", "Analyst", [
            ("2.7.a", "Offer alternative ways to show competency"),
            ("2.7.b", "Design formative and summative assessment with timely feedback"),
            ("2.7.c", "Use assessment data to guide progress and communicate it"),
        ]),
    ]

    static let sessions: [(title: String, summary: String)] = [
        ("Pre-Work",
         "Find your way around the course space, learn what the programme sets out to do and how the portfolio works, take a first look at the standards, and meet your learning community."),
        ("Session 1",
         "Set your learning goals, weigh your own strengths and gaps against the standards, and agree on a shared vision with your group. Explore ways to personalise learning, build learner independence and offer other ways to show what was learned."),
        ("Session 2",
         "Design for every learner: teach how to judge online sources and act as a good digital citizen, redesign one of your lessons with Universal Design for Learning, and curate and assess a set of digital tools."),
        ("Session 3",
         "Compare online and blended learning environments and what works in each, look at equitable access, and name a digital-access issue in your own school or district using design thinking."),
        ("Session 4",
         "Build your equitable-access advocacy project: lead on a real issue, bring several standards together, and explain how each one is met."),
        ("Session 5",
         "Get ready to submit: learn the portfolio space, choose and prepare your artifacts, and ask your peers for feedback on a set of them."),
    ]

    /// Written in SQL, as a migration must not depend on record types that change later.
    static func insert(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO program (slug, name, summary, portfolioWindowMonths, passMarkPercent, certificateValidYears)
            VALUES (?, ?, ?, 6, 80, 3)
            """, arguments: [slug, "ISTE Certification for Educators",
                             "About fourteen weeks of training in six sessions, each a live virtual meeting followed by 8 to 10 hours of work on your own time, then a portfolio mapped to the ISTE Standards for Educators."])
        let programId = db.lastInsertedRowID

        for (position, entry) in standards.enumerated() {
            try db.execute(sql: "INSERT INTO standard (programId, code, name, position) VALUES (?, ?, ?, ?)",
                           arguments: [programId, entry.code, entry.name, position])
            let standardId = db.lastInsertedRowID
            for (indicatorPosition, (code, title)) in entry.indicators.enumerated() {
                try db.execute(sql: "INSERT INTO indicator (standardId, code, title, position) VALUES (?, ?, ?, ?)",
                               arguments: [standardId, code, title, indicatorPosition])
            }
        }

        for (position, entry) in sessions.enumerated() {
            try db.execute(sql: """
                INSERT INTO courseSession (programId, position, title, summary, asyncHoursMin, asyncHoursMax)
                VALUES (?, ?, ?, ?, 8, 10)
                """, arguments: [programId, position, entry.title, entry.summary])
        }
    }
}
