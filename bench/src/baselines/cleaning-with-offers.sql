-- GET /api/cleanings/{id} in one statement, shared by the baselines (the node:http floors and the
-- FastAPI peer) so that they do the same database work: the cleaning, how many offers it has in
-- all, and the offers the caller may see (all of them for the owner, else the caller's own), one
-- row per visible offer, newest first, each with its offerer's name and profile.
-- $1 is the cleaning id, $2 the caller id.
SELECT c.id, c.name, c.description, c.price, c.cleaning_type, c.created_at, c.updated_at,
       c.owner_id,
       (SELECT count(*) FROM offers WHERE cleaning_id = c.id)::int AS total_offers,
       o.user_id AS offer_user_id, o.status AS offer_status,
       o.created_at AS offer_created_at, o.updated_at AS offer_updated_at,
       u.name AS offerer_name, p.full_name AS offerer_full_name, p.image AS offerer_image
FROM cleanings c
LEFT JOIN offers o ON o.cleaning_id = c.id AND (c.owner_id = $2 OR o.user_id = $2)
LEFT JOIN users u ON u.id = o.user_id
LEFT JOIN profiles p ON p.user_id = o.user_id
WHERE c.id = $1
ORDER BY o.created_at DESC, o.user_id
