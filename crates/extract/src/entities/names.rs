//! How person names compare: the same person is written with and without the nasab particle
//! (يوسف بن سليمان / يوسف سليمان), with عبد joined to or apart from the divine name that follows it
//! (عبدالله / عبد الله), and by fewer of his names (first and family name, or the first names of
//! the chain).

use isnad_text::normalize::normalize_str;

/// Particles of a nasab chain (son of, daughter of), left out when names are compared.
const NASAB_PARTICLES: [&str; 3] = ["بن", "ابن", "بنت"];

/// The words of a person's name as compared: matching form, nasab particles left out, عبد joined
/// to the word after it.
pub fn person_name_words(name: &str) -> Vec<String> {
    let normalized = normalize_str(name);
    let mut words: Vec<String> = Vec::new();
    let mut joining = false;
    for word in normalized.split_whitespace() {
        if NASAB_PARTICLES.contains(&word) {
            continue;
        }
        match words.last_mut() {
            Some(last) if joining => last.push_str(word),
            _ => words.push(word.to_string()),
        }
        joining = word == "عبد";
    }
    words
}

/// Whether `short` names the same person as `long` by fewer of its words: at least two words,
/// the same first name, all in order, and either the same last name (first + family name) or the
/// first three or more names of the chain.
pub fn is_shorter_name_of(short: &[String], long: &[String]) -> bool {
    if short.len() < 2 || short.len() >= long.len() || short[0] != long[0] {
        return false;
    }
    if long.starts_with(short) {
        return short.len() >= 3;
    }
    if short.last() != long.last() {
        return false;
    }
    let mut rest = long[1..long.len() - 1].iter();
    short[1..short.len() - 1].iter().all(|word| rest.any(|w| w == word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(name: &str) -> Vec<String> {
        person_name_words(name)
    }

    #[test]
    fn nasab_particles_and_split_abd_names_compare_equal() {
        assert_eq!(words("سامر بن خليل بن عبد الرحيم الورداني"), words("سامر بن خليل عبدالرحيم الورداني"));
        assert_eq!(words("سامر خليل"), ["سامر", "خليل"]);
        assert_ne!(words("سامر خليل"), words("سامر خليلي"));
    }

    #[test]
    fn shorter_names_need_the_first_name_and_the_family_name_or_three_names() {
        let full = words("سامر بن خليل بن عبد الرحيم الورداني");
        assert!(is_shorter_name_of(&words("سامر الورداني"), &full));
        assert!(is_shorter_name_of(&words("سامر بن خليل بن عبد الرحيم"), &full));
        assert!(!is_shorter_name_of(&words("سامر خليل"), &full), "two first names could be a cousin's");
        assert!(!is_shorter_name_of(&words("خليل الورداني"), &full), "the father is another person");
        assert!(!is_shorter_name_of(&words("الورداني"), &full));
        assert!(!is_shorter_name_of(&full, &full));
    }
}
