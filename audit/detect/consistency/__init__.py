"""Internal consistency: dates that do not exist, weekdays and relative dates that do not
match, office titles out of their holders' terms, names spelled several ways, articles that
contradict each other (consistency.*), and the office holders' table they read."""
