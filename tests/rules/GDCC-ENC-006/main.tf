# no policy: the default key policy trusts the account only
resource "aws_kms_key" "default_policy" {
  description = "default policy"
}

resource "aws_kms_key" "wildcard" {
  description = "wildcard principal"
  policy      = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*", "Resource": "*"}]
}
POLICY
}

resource "google_kms_crypto_key" "shared" {
  name     = "shared"
  key_ring = "projects/p/locations/asia-southeast1/keyRings/r"
}

resource "google_kms_crypto_key_iam_binding" "shared" {
  crypto_key_id = google_kms_crypto_key.shared.id
  role          = "roles/cloudkms.cryptoKeyDecrypter"
  members       = ["allAuthenticatedUsers"]
}

resource "google_kms_crypto_key" "internal_key" {
  name     = "internal"
  key_ring = "projects/p/locations/asia-southeast1/keyRings/r"
}
